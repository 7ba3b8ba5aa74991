import { spawn, type ChildProcess } from "node:child_process";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { sql } from "kysely";
import { afterEach, describe, expect, it } from "vitest";
import { createSilentLogger } from "../../src/lib/logger.js";
import { openUsageStore } from "../../src/store/open-usage-store.js";
import type { StoreOptions } from "../../src/store/store-options.js";
import { testEngines } from "../../src/store/testing/test-engines.js";
import { startFakeUpstream } from "../fake-upstream/index.js";

const repositoryRoot = join(import.meta.dirname, "..", "..");

/** `switchboard start` from the sources, as a user runs it; resolves with its URL. */
function startCli(
  configFile: string,
  home: string,
): { child: ChildProcess; url: Promise<string>; output: () => string } {
  const child = spawn(
    process.execPath,
    [
      "--import",
      import.meta.resolve("tsx"),
      join(repositoryRoot, "src/cli/main.ts"),
      "start",
      "--config",
      configFile,
      "--port",
      "0",
    ],
    { cwd: home, env: { PATH: process.env["PATH"], HOME: home, LOG_LEVEL: "warn" }, stdio: ["ignore", "pipe", "pipe"] },
  );
  let text = "";
  const url = new Promise<string>((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      text += chunk.toString("utf8");
      const match = /Switchboard listening on (http:\/\/\S+)/.exec(text);
      if (match?.[1] !== undefined && text.includes("Usage store:")) resolve(match[1]);
    };
    child.stdout?.on("data", onData);
    child.stderr?.on("data", onData);
    child.once("exit", (code) => reject(new Error(`switchboard exited with ${code}: ${text}`)));
  });
  return { child, url, output: () => text };
}

/** Clients sending requests back to back until stopped; each answer's arrival time is kept. */
function load(url: string, clients: number): { stop: () => Promise<void>; answeredAt: number[] } {
  const answeredAt: number[] = [];
  let running = true;
  const loops = Array.from({ length: clients }, async () => {
    while (running) {
      try {
        const response = await fetch(`${url}/v1/chat/completions`, {
          method: "POST",
          headers: { "content-type": "application/json", authorization: "Bearer unused" },
          body: JSON.stringify({ model: "coder", messages: [{ role: "user", content: "hi" }] }),
        });
        await response.arrayBuffer();
        if (response.status === 200) answeredAt.push(Date.now());
      } catch {
        return; // the gateway is gone
      }
    }
  });
  return {
    answeredAt,
    stop: async () => {
      running = false;
      await Promise.all(loops);
    },
  };
}

async function countRows(options: StoreOptions): Promise<number> {
  const store = await openUsageStore({ store: options, logger: createSilentLogger() });
  try {
    const row = await sql<{ rows: number }>`select count(*) as rows from requests`.execute(store.db);
    return Number(row.rows[0]?.rows);
  } finally {
    await store.close();
  }
}

/** Waits until the clients have had `count` answers (a loaded machine warms up slowly). */
async function waitForAnswers(traffic: { answeredAt: number[] }, count: number): Promise<void> {
  const deadline = Date.now() + 60_000;
  while (traffic.answeredAt.length < count) {
    if (Date.now() > deadline) throw new Error(`only ${traffic.answeredAt.length} answers in 60 s`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

function exited(child: ChildProcess): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
  return new Promise((resolve) => child.once("exit", (code, signal) => resolve({ code, signal })));
}

describe.each(testEngines)("the store of a running gateway on $name", (engine) => {
  const cleanups: Array<() => Promise<void>> = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  async function gateway() {
    const fake = await startFakeUpstream({ apiKey: "sk-up", models: ["model-one"], script: () => ({ text: "ok" }) });
    cleanups.push(() => fake.close());
    const created = await engine.create();
    cleanups.push(created.cleanup);
    const home = await mkdtemp(join(tmpdir(), "switchboard-durability-"));
    cleanups.push(() => rm(home, { recursive: true, force: true }));
    const options = created.options;
    const store =
      options.engine === "sqlite"
        ? `  path: ${options.path}`
        : `  url: "${options.url}?options=-c%20search_path%3D${options.schema}"`;
    const configFile = join(home, "switchboard.yaml");
    await writeFile(
      configFile,
      `providers:\n  up:\n    type: openai-compatible\n    base_url: ${fake.url}/v1\n    api_key: sk-up\n    models: [model-one]\n` +
        `models:\n  coder: up/model-one\nstore:\n${store}\n`,
    );
    const cli = startCli(configFile, home);
    cleanups.push(async () => void cli.child.kill("SIGKILL"));
    return { cli, url: await cli.url, options };
  }

  // Each test boots the CLI from the sources (tsx compiles them on the way), which takes well over
  // the default 20 s when CI's parallel suites share the two cores; the assertions are unchanged.
  const bootBound = { timeout: 90_000 };

  it("writes every answered request's row when stopped with SIGTERM under load", bootBound, async () => {
    const { cli, url, options } = await gateway();
    const traffic = load(url, 8);
    await waitForAnswers(traffic, 40);
    const exit = exited(cli.child);
    cli.child.kill("SIGTERM");
    expect(await exit).toEqual({ code: 0, signal: null });
    await traffic.stop();
    expect(traffic.answeredAt.length).toBeGreaterThan(20);
    // Requests cut off by the shutdown are rows too (client_closed), so there may be more rows than answers.
    expect(await countRows(options)).toBeGreaterThanOrEqual(traffic.answeredAt.length);
  });

  it("loses at most the last second of rows to kill -9 under load", bootBound, async () => {
    const { cli, url, options } = await gateway();
    const traffic = load(url, 8);
    await waitForAnswers(traffic, 40);
    await new Promise((resolve) => setTimeout(resolve, 2000));
    const exit = exited(cli.child);
    const killedAt = Date.now();
    cli.child.kill("SIGKILL");
    await exit;
    await traffic.stop();
    const rows = await countRows(options);
    const answered = traffic.answeredAt.length;
    // Flushed every second: what was answered more than a second (plus the batch's own write) before the kill is kept.
    const answeredBeforeLastBatch = traffic.answeredAt.filter((at) => at < killedAt - 1500).length;
    expect(answeredBeforeLastBatch).toBeGreaterThan(20);
    expect(rows).toBeGreaterThanOrEqual(answeredBeforeLastBatch);
    expect(rows).toBeLessThanOrEqual(answered);
  });
});
