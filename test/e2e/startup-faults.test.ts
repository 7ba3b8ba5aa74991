import { execFile, spawn } from "node:child_process";
import { mkdir, mkdtemp, writeFile } from "node:fs/promises";
import { createServer, type Server } from "node:net";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { beforeAll, describe, expect, it } from "vitest";
import { configFromObject } from "../../src/config/index.js";
import { createSilentLogger } from "../../src/lib/logger.js";
import { startServer } from "../../src/server/node.js";
import { startFakeGithub } from "../fake-github/start-fake-github.js";

/**
 * Faults of the machine at start-up are answered with a sentence and exit code 1, never a stack.
 * Each test runs the real command (bin/switchboard.js, built first) on a fresh HOME and folder.
 */
const repositoryRoot = join(dirname(fileURLToPath(import.meta.url)), "../..");
const cli = join(repositoryRoot, "bin/switchboard.js");

interface Outcome {
  code: number | null;
  stdout: string;
  stderr: string;
}

async function emptyMachine(): Promise<{ home: string; env: NodeJS.ProcessEnv }> {
  const home = await mkdtemp(join(tmpdir(), "switchboard-startup-"));
  // LOG_LEVEL=warn keeps fastify's "Server listening" line out of what the user is told.
  return {
    home,
    env: { PATH: process.env["PATH"], HOME: home, XDG_CONFIG_HOME: join(home, ".config"), LOG_LEVEL: "warn" },
  };
}

/**
 * Runs the CLI until it exits on its own (a fault), or until its output holds `until` (then it is
 * stopped), or 15 s pass (it did not fail: killed).
 */
function runCli(args: string[], options: { env: NodeJS.ProcessEnv; cwd: string; until?: string }): Promise<Outcome> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ["--no-memory-reducer", cli, ...args], { ...options, stdio: "pipe" });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => {
      stdout += chunk.toString("utf8");
      if (options.until !== undefined && stdout.includes(options.until)) child.kill("SIGTERM");
    });
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString("utf8")));
    const timer = setTimeout(() => child.kill("SIGKILL"), 15_000);
    child.on("close", (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

function listenOn(server: Server): Promise<number> {
  return new Promise((resolve) =>
    server.listen(0, "127.0.0.1", () => resolve((server.address() as { port: number }).port)),
  );
}

beforeAll(async () => {
  await promisify(execFile)("npm", ["run", "build", "--silent"], { cwd: repositoryRoot });
}, 180_000);

describe("start-up faults get a sentence and exit code 1", () => {
  it("a port held by another program: names the address, says no Switchboard answers there, how to pick another", async () => {
    const holder = createServer();
    const port = await listenOn(holder);
    try {
      const { home, env } = await emptyMachine();
      const outcome = await runCli(["start", "--port", String(port)], { env, cwd: home });
      expect(outcome.code).toBe(1);
      expect(outcome.stderr).toBe(
        `Cannot listen on 127.0.0.1:${port}: the address is already in use. Another program holds it (no Switchboard answers at /health there). Pick another port with \`switchboard start --port ${port + 1}\` (or PORT=${port + 1}, or server.port in the config); --port 0 takes any free port.\n`,
      );
    } finally {
      holder.close();
    }
  });

  it("a port held by a running Switchboard: says so, with its /health address", async () => {
    const running = await startServer({ config: configFromObject({}), port: 0, logger: createSilentLogger() });
    try {
      const { home, env } = await emptyMachine();
      const outcome = await runCli(["start", "--port", String(running.port)], { env, cwd: home });
      expect(outcome.code).toBe(1);
      expect(outcome.stderr).toBe(
        `Cannot listen on 127.0.0.1:${running.port}: the address is already in use. A Switchboard is already running there (it answers http://127.0.0.1:${running.port}/health): use it, or stop it first. Pick another port with \`switchboard start --port ${running.port + 1}\` (or PORT=${running.port + 1}, or server.port in the config); --port 0 takes any free port.\n`,
      );
    } finally {
      await running.close();
    }
  });

  it("a bind address this machine does not have", async () => {
    const { home, env } = await emptyMachine();
    // 192.0.2.0/24 is TEST-NET-1: documentation only, never assigned to an interface.
    const outcome = await runCli(["start", "--host", "192.0.2.1", "--port", "0"], { env, cwd: home });
    expect(outcome.code).toBe(1);
    expect(outcome.stderr).toBe(
      "Cannot listen on 192.0.2.1:0: 192.0.2.1 is not an address of this machine. Use --host 127.0.0.1 (this machine only) or --host 0.0.0.0 (every interface), or HOST / server.host.\n",
    );
  });

  it("a bind host name that does not resolve", async () => {
    const { home, env } = await emptyMachine();
    const outcome = await runCli(["start", "--host", "no-such-host.invalid", "--port", "0"], { env, cwd: home });
    expect(outcome.code).toBe(1);
    expect(outcome.stderr).toBe(
      "Cannot listen on no-such-host.invalid:0: the host name no-such-host.invalid does not resolve to an address. Use --host 127.0.0.1 (this machine only) or --host 0.0.0.0 (every interface), or HOST / server.host.\n",
    );
  });

  it("a config file that cannot be read", async () => {
    const { home, env } = await emptyMachine();
    // The tests run as root, whom no file mode stops; a folder in the file's place cannot be read by anyone.
    const config = join(home, "switchboard.yaml");
    await mkdir(config);
    const outcome = await runCli(["start", "--config", config, "--port", "0"], { env, cwd: home });
    expect(outcome.code).toBe(1);
    expect(outcome.stderr).toBe(`Cannot read the config file ${config}: it is a folder, not a file.\n`);
  });

  it("a saved GitHub login that cannot be read", async () => {
    const { home, env } = await emptyMachine();
    const tokenFile = join(home, ".config/switchboard/github-token.json");
    await mkdir(tokenFile, { recursive: true });
    const outcome = await runCli(["start", "--port", "0"], { env, cwd: home });
    expect(outcome.code).toBe(1);
    expect(outcome.stderr).toBe(
      `Cannot read the saved GitHub login ${tokenFile}: it is a folder, not a file. Fix it, or remove it and run \`switchboard login github\` again.\n`,
    );
  });

  it("a folder for the login that cannot be created: said before the device flow starts", async () => {
    const { home, env } = await emptyMachine();
    const blocker = join(home, "not-a-folder");
    await writeFile(blocker, "");
    const outcome = await runCli(["login", "github"], { env: { ...env, XDG_CONFIG_HOME: blocker }, cwd: home });
    expect(outcome.code).toBe(1);
    expect(outcome.stdout).toBe("");
    expect(outcome.stderr).toBe(
      `Error: Cannot create Switchboard's folder ${join(blocker, "switchboard")}: a file stands where a folder of its path should be. Set XDG_CONFIG_HOME to a folder you can write to, or fix that path.\n`,
    );
  });

  it("a data folder that cannot be created (start --detach keeps its pid and log there)", async () => {
    const { home, env } = await emptyMachine();
    const blocker = join(home, "not-a-folder");
    await writeFile(blocker, "");
    const outcome = await runCli(["start", "--detach", "--port", "0"], {
      env: { ...env, XDG_DATA_HOME: blocker },
      cwd: home,
    });
    expect(outcome.code).toBe(1);
    expect(outcome.stdout).toBe("");
    expect(outcome.stderr).toBe(
      `Cannot create Switchboard's data folder ${join(blocker, "switchboard")}: a file stands where a folder of its path should be. Set XDG_DATA_HOME to a folder you can write to, or fix that path.\n`,
    );
  });

  it("an expired or revoked saved GitHub login: asks to log in again", async () => {
    const github = await startFakeGithub({ githubTokens: ["ghu_valid"] });
    try {
      const { home, env } = await emptyMachine();
      await mkdir(join(home, ".config/switchboard"), { recursive: true });
      await writeFile(
        join(home, ".config/switchboard/github-token.json"),
        JSON.stringify({ token: "ghu_revoked", host: "github.com", savedAt: "2026-01-01T00:00:00.000Z" }),
      );
      const outcome = await runCli(["start", "--port", "0"], {
        env: { ...env, GITHUB_COPILOT_ENDPOINT: github.apiUrl },
        cwd: home,
      });
      expect(outcome.code).toBe(1);
      expect(outcome.stdout).toBe("");
      expect(outcome.stderr).toBe(
        'Switchboard cannot start: no provider accepts its credentials.\nProvider copilot: GitHub rejected the token from the token saved by `switchboard login github` (expired or revoked). GitHub said: "Bad credentials". Run `switchboard login github` to sign in again.\n',
      );
    } finally {
      await github.close();
    }
  });
});

describe("the listening address", () => {
  it("is 127.0.0.1 unless told otherwise, with no warning", async () => {
    const { home, env } = await emptyMachine();
    const outcome = await runCli(["start", "--port", "0"], { env, cwd: home, until: "Environment:" });
    expect(outcome.stdout).toMatch(/^Switchboard listening on http:\/\/127\.0\.0\.1:\d+\n/);
    expect(outcome.stdout).not.toContain("Warning");
  });

  it("wider without a client key: says so on the second line", async () => {
    const { home, env } = await emptyMachine();
    const outcome = await runCli(["start", "--host", "0.0.0.0", "--port", "0"], {
      env,
      cwd: home,
      until: "Environment:",
    });
    expect(outcome.stdout.split("\n")[1]).toBe(
      "Warning: listening on 0.0.0.0, beyond this machine, with no client key: anyone who can reach it can use your providers. Set server.api_key (or PROXY_API_KEY), or listen on 127.0.0.1 only (the default; --host 127.0.0.1).",
    );
  });
});
