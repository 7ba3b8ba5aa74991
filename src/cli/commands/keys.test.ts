import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it, vi } from "vitest";
import { buildProgram } from "../build-program.js";

/** Runs `switchboard <args> --config <file>` in-process; what it printed, and its exit code. */
async function switchboard(
  config: string,
  ...args: string[]
): Promise<{ code: number; stdout: string; stderr: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const log = vi.spyOn(console, "log").mockImplementation((line: string) => void out.push(line));
  const error = vi.spyOn(console, "error").mockImplementation((line: string) => void err.push(line));
  process.exitCode = 0;
  try {
    await buildProgram().parseAsync(["node", "switchboard", ...args, "--config", config]);
  } finally {
    log.mockRestore();
    error.mockRestore();
  }
  const code = Number(process.exitCode ?? 0);
  process.exitCode = 0;
  return { code, stdout: out.join("\n"), stderr: err.join("\n") };
}

/** A config whose usage store (where keys live) is a SQLite file of the test's own. */
async function configFile(): Promise<string> {
  const folder = await mkdtemp(join(tmpdir(), "switchboard-keys-cli-"));
  const file = join(folder, "switchboard.yaml");
  // One provider that lists its models without a network call, and one alias: the routes keys may name.
  const routes = `providers:\n  up:\n    type: openai\n    base_url: http://127.0.0.1:9/v1\n    api_key: sk-up\n    models: [gpt-5.1]\nmodels:\n  sonnet: up/gpt-5.1\n`;
  await writeFile(file, `store:\n  path: ${join(folder, "usage.sqlite")}\n${routes}`);
  return file;
}

afterEach(() => {
  process.exitCode = 0;
});

describe("switchboard keys", () => {
  it("creates a key, printing it once, then lists, updates, rotates and revokes it by id", async () => {
    const config = await configFile();
    const created = await switchboard(
      config,
      ...["keys", "create", "--name", "alice", "--models", "sonnet,gpt-5.1", "--rpm", "60", "--tpm", "200000"],
      ...["--max-parallel", "4", "--budget", "50usd/month", "--premium-requests", "300/month", "--expires", "30d"],
    );
    expect(created.stderr).toBe("");
    const secret = /Key \(shown once, store it now\): (sk-sb-\S+)/.exec(created.stdout)?.[1] ?? "(no key printed)";
    expect(secret).toMatch(/^sk-sb-/);
    const id = /Created (key_[0-9a-f]{16})/.exec(created.stdout)?.[1] ?? "(no id printed)";
    expect(created.stdout).toContain(
      "models=sonnet,gpt-5.1  rpm=60  tpm=200000  max-parallel=4  budget=50usd/month  premium-requests=300/month",
    );

    const listed = await switchboard(config, "keys", "list");
    expect(listed.stdout).toContain(`${id}  "alice"`);
    expect(listed.stdout).not.toContain(secret);
    const updated = await switchboard(config, "keys", "update", id, "--rpm", "none", "--budget", "10usd/day");
    expect(updated.stdout).toContain("budget=10usd/day");
    expect(updated.stdout).not.toContain("rpm=60");
    const rotated = await switchboard(config, "keys", "rotate", id);
    expect(rotated.stdout).toMatch(/New key \(shown once\): sk-sb-/);
    const revoked = await switchboard(config, "keys", "revoke", id);
    expect(revoked.stdout).toContain(`${id}  "alice"`);
    expect(revoked.stdout).toContain("revoked");
  });

  it("warns of --models names no route has, naming the routes, but keeps them and exits 0", async () => {
    const config = await configFile();
    const created = await switchboard(
      config,
      ...["keys", "create", "--name", "bob", "--models", "sonnet,nosuchroute,up/gpt-5.2,gpt-5.1"],
    );
    expect(created.stderr).toBe(
      'Warning: No route is named "nosuchroute", so the key cannot use it yet. Routes: sonnet; or provider/model with provider one of: up. The key keeps the name: a route added later (config reload) makes it usable.',
    );
    expect(created.stdout).toContain("models=sonnet,nosuchroute,up/gpt-5.2,gpt-5.1");
    expect(created.code).toBe(0);
    const id = /Created (key_[0-9a-f]{16})/.exec(created.stdout)?.[1] ?? "(no id printed)";
    const updated = await switchboard(config, "keys", "update", id, "--models", "sonet");
    expect(updated.stderr).toContain('Warning: No route is named "sonet"');
    expect(updated.code).toBe(0);
    expect((await switchboard(config, "keys", "update", id, "--rpm", "5")).stderr).toBe("");
  });

  it("names the flag of bad input and an unknown id, exiting 1", async () => {
    const config = await configFile();
    const badBudget = await switchboard(config, "keys", "create", "--name", "bob", "--budget", "50 dollars");
    expect(badBudget.code).toBe(1);
    expect(badBudget.stderr).toContain('Error: --budget: budget "50 dollars" is not a budget');
    const negative = await switchboard(config, "keys", "create", "--name", "bob", "--max-parallel", "-2");
    expect(negative.stderr).toContain("--max-parallel: max_parallel");
    const unknown = await switchboard(config, "keys", "revoke", "key_0123456789abcdef");
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain('No key with id "key_0123456789abcdef"');
  });

  it("grants tool servers with --mcp, changes and removes them with update, and names the flag of a bad one", async () => {
    const config = await configFile();
    const created = await switchboard(
      config,
      "keys",
      "create",
      "--name",
      "agent",
      "--mcp",
      "memory,filesystem/read_file",
    );
    expect(created.stdout).toContain("mcp=memory,filesystem/read_file");
    const id = /Created (key_[0-9a-f]{16})/.exec(created.stdout)?.[1] ?? "(no id printed)";
    expect((await switchboard(config, "keys", "update", id, "--mcp", "*")).stdout).toContain("mcp=*");
    expect((await switchboard(config, "keys", "update", id, "--mcp", "none")).stdout).not.toContain("mcp=");
    const bad = await switchboard(config, "keys", "create", "--name", "x", "--mcp", "file system");
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('Error: --mcp: mcp "file system": a server name is letters, digits, _ and -');
  });
});
