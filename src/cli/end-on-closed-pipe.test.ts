import { spawn } from "node:child_process";
import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { expect, it } from "vitest";

it("`switchboard doctor | head -1`: ends quietly, with no stack trace, when the reader closes early", async () => {
  const home = await mkdtemp(join(tmpdir(), "switchboard-pipe-"));
  const child = spawn(
    process.execPath,
    ["--import", import.meta.resolve("tsx"), join(import.meta.dirname, "main.ts"), "doctor"],
    { cwd: home, env: { PATH: process.env["PATH"], HOME: home } },
  );
  let stderr = "";
  child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
  // The reader takes the first line and goes away, as `head -1` does.
  child.stdout.once("data", () => child.stdout.destroy());
  const [code, signal] = await new Promise<[number | null, NodeJS.Signals | null]>((resolve) =>
    child.on("exit", (exitCode, exitSignal) => resolve([exitCode, exitSignal])),
  );
  expect(stderr).toBe("");
  expect(signal).toBeNull();
  // The reader left before doctor's verdict was reached: nothing failed, so 0.
  expect(code).toBe(0);
}, 60_000);
