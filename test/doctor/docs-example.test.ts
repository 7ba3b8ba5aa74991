import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { storeMigrations } from "../../src/store/migrations/index.js";

const docs = join(import.meta.dirname, "..", "..", "docs", "setup.md");

describe("docs/setup.md's doctor example", () => {
  // The example is pasted from a real run; a migration added since makes it tell an old story.
  it("shows the migrations this Switchboard applies", async () => {
    const text = await readFile(docs, "utf8");
    const names = storeMigrations.map((migration) => migration.name).sort();
    const shown = [...text.matchAll(/migrations (\d+) of (\d+) applied \(latest ([\w-]+)\)/g)];
    expect(shown.length).toBeGreaterThan(0);
    for (const [, applied, known, latest] of shown) {
      expect([applied, known, latest]).toEqual([String(names.length), String(names.length), names.at(-1)]);
    }
  });
});

describe("README's GitLab Duo quick start", () => {
  // Setup and the launcher keep the key and tier models right; a hand-typed base URL does neither.
  it("uses `switchboard setup claude-code`, not hand-set ANTHROPIC_* variables", async () => {
    const readme = await readFile(join(import.meta.dirname, "..", "..", "README.md"), "utf8");
    const duo = readme.slice(
      readme.indexOf("## Claude Code or Codex on GitLab Duo"),
      readme.indexOf("## Quick starts"),
    );
    expect(duo).toContain("switchboard setup claude-code");
    expect(duo).toContain("switchboard claude");
    expect(duo).not.toMatch(/ANTHROPIC_BASE_URL=/);
  });
});
