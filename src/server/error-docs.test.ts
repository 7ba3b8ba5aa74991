import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { errorCodes } from "../errors/codes.js";

describe("docs/errors.md", () => {
  const documentation = readFileSync(new URL("../../docs/errors.md", import.meta.url), "utf8");

  it("lists every error code with its status and retryability", () => {
    for (const [code, { status, retryable }] of Object.entries(errorCodes)) {
      const row = documentation.split("\n").find((line) => line.startsWith(`| \`${code}\` |`));
      expect(row, `docs/errors.md has no row for ${code}`).toBeDefined();
      expect(row).toContain(`| ${status} | ${retryable ? "yes" : "no"} |`);
    }
  });

  it("lists no code that does not exist", () => {
    const documented = [...documentation.matchAll(/^\| `([a-z_]+)` \|/gm)].map((match) => match[1]);
    expect(documented.sort()).toEqual(Object.keys(errorCodes).sort());
  });
});
