import { execFile } from "node:child_process";
import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";

// A new user's typos in a config file: each stops `switchboard start` (exit code 1) with the file,
// the key path and what was meant, and `switchboard doctor` says the same.

const repositoryRoot = join(import.meta.dirname, "..", "..");

/** `switchboard <args>` from the sources, as a user runs it, in a home of its own. */
async function switchboard(home: string, args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ["--import", import.meta.resolve("tsx"), join(repositoryRoot, "src/cli/main.ts"), ...args],
      { cwd: home, env: { PATH: process.env["PATH"], HOME: home, LOG_LEVEL: "silent" }, timeout: 60_000 },
      (error, stdout, stderr) => resolve({ code: error === null ? 0 : Number(error.code ?? -1), stdout, stderr }),
    );
  });
}

async function configFile(lines: string[]): Promise<{ home: string; file: string }> {
  const home = await mkdtemp(join(tmpdir(), "switchboard-typos-"));
  const file = join(home, "switchboard.yaml");
  await writeFile(file, [...lines, "store: { enabled: false }", ""].join("\n"));
  return { home, file };
}

describe("config typos at start-up", { timeout: 90_000 }, () => {
  it("a misspelt provider key stops start and doctor with its path, the key meant and the file", async () => {
    const { home, file } = await configFile([
      "providers:",
      "  corp: { type: openai, baseurl: http://127.0.0.1:9/v1, api_key: sk-corp-secret }",
      "  copilot: { type: github-copilot, githuburl: https://github.example.com }",
    ]);
    const expected = [
      `Invalid configuration in ${file}:`,
      "  - providers.corp.baseurl: unknown key; did you mean base_url?",
      "  - providers.copilot.githuburl: unknown key; did you mean github_url?",
    ].join("\n");
    const [start, doctor] = await Promise.all([
      switchboard(home, ["start", "--config", file, "--port", "0"]),
      switchboard(home, ["doctor", "--config", file]),
    ]);
    expect({ code: start.code, stderr: start.stderr.trim() }).toEqual({ code: 1, stderr: expected });
    expect(doctor.code).toBe(1);
    expect(doctor.stdout).toContain(`✗ Config: ${expected}\n`);
    expect(doctor.stdout).not.toContain("✓ Config");
  });

  it("a route target whose provider id is a near miss stops start with the target meant", async () => {
    const { home, file } = await configFile([
      "providers:",
      "  local: { type: openai-compatible, base_url: http://127.0.0.1:9/v1, models: [gpt-test] }",
      "models:",
      "  fast: locl/gpt-test",
    ]);
    const start = await switchboard(home, ["start", "--config", file, "--port", "0"]);
    expect({ code: start.code, stderr: start.stderr.trim() }).toEqual({
      code: 1,
      stderr: `Invalid configuration in ${file}:\n  - models.fast: no provider is named "locl"; did you mean local/gpt-test?`,
    });
  });
});
