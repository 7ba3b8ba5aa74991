import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { errorCodes } from "../errors/codes.js";

/** The error table of docs/errors.md: code → [status, retryable], whatever the column padding. */
function documentedCodes(): Map<string, string[]> {
  const documentation = readFileSync(new URL("../../docs/errors.md", import.meta.url), "utf8");
  const rows = new Map<string, string[]>();
  for (const line of documentation.split("\n")) {
    const cells = line.split("|").map((cell) => cell.trim());
    const code = /^`([a-z_]+)`$/.exec(cells[1] ?? "")?.[1];
    if (code !== undefined) rows.set(code, cells.slice(2, 4));
  }
  return rows;
}

describe("docs/errors.md", () => {
  it("lists every error code with its status and retryability", () => {
    const rows = documentedCodes();
    for (const [code, { status, retryable }] of Object.entries(errorCodes)) {
      expect(rows.get(code), `docs/errors.md has no row for ${code}`).toEqual([
        String(status),
        retryable ? "yes" : "no",
      ]);
    }
  });

  it("lists no code that does not exist", () => {
    expect([...documentedCodes().keys()].sort()).toEqual(Object.keys(errorCodes).sort());
  });
});
