import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const root = fileURLToPath(new URL("../../", import.meta.url));
const command = `${root}bin/switchboard.js`;
const packageJson = JSON.parse(readFileSync(`${root}package.json`, "utf8")) as {
  version: string;
  scripts: Record<string, string>;
};

/** The flags after `node` on the command's `#!` line. */
function shebangFlags(): string {
  const firstLine = readFileSync(command, "utf8").split("\n", 1)[0] ?? "";
  return /^#!\/usr\/bin\/env -S node (.*)$/.exec(firstLine)?.[1] ?? "";
}

describe("how the gateway process is started", () => {
  it("starts without V8's memory reducer, whose full GCs stall the first requests after an idle spell, by both ways in", () => {
    expect(shebangFlags()).toContain("--no-memory-reducer");
    // `npm start` runs the same command with the same flags.
    expect(packageJson.scripts["start"]).toBe(`node ${shebangFlags()} bin/switchboard.js start`);
  });

  it("runs when executed directly, as npm's bin link does", () => {
    const output = execFileSync(command, ["--version"], { encoding: "utf8" });
    expect(output.trim()).toBe(packageJson.version);
  });
});
