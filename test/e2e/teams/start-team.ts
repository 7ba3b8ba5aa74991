import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readdirSync, rmSync, statSync } from "node:fs";
import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import { startFakeUpstream } from "../../fake-upstream/index.js";
import type { FakeScript, FakeUpstream } from "../../fake-upstream/index.js";

const repositoryRoot = join(import.meta.dirname, "..", "..", "..");
export const masterKey = "sk-team-master-for-tests";
export const postgresBase = "postgres://postgres@127.0.0.1:5432/test";

/** The newest modification time of the sources. */
function newestSource(folder: string): number {
  let newest = 0;
  for (const entry of readdirSync(folder, { withFileTypes: true, recursive: true })) {
    if (entry.isFile()) newest = Math.max(newest, statSync(join(entry.parentPath, entry.name)).mtimeMs);
  }
  return newest;
}

function builtIsFresh(): boolean {
  const built = join(repositoryRoot, "dist/cli/main.js");
  return existsSync(built) && statSync(built).mtimeMs >= newestSource(join(repositoryRoot, "src"));
}

/**
 * `npm run build` unless dist/ is newer than src/: the team tests run the built
 * `bin/switchboard.js`, as deployed. A lock folder keeps parallel test files from building at once.
 */
export function buildOnce(): void {
  const lock = join(repositoryRoot, ".team-test-build.lock");
  for (;;) {
    if (builtIsFresh()) return;
    try {
      mkdirSync(lock);
      break;
    } catch {
      // A lock left by a killed run (a build takes about a minute here) is taken over.
      if (existsSync(lock) && Date.now() - statSync(lock).mtimeMs > 300_000)
        rmSync(lock, { recursive: true, force: true });
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 500);
    }
  }
  try {
    const built = spawnSync("npm", ["run", "build", "--silent"], { cwd: repositoryRoot, encoding: "utf8" });
    if (built.status !== 0) throw new Error(`npm run build failed: ${built.stdout}${built.stderr}`);
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
}

/** A PostgreSQL schema of this run's own, and the URL that puts every connection in it. */
export async function createSchema(): Promise<{ url: string; drop: () => Promise<void> }> {
  const schema = `sb_teams_${randomBytes(6).toString("hex")}`;
  const client = new pg.Client({ connectionString: postgresBase });
  await client.connect();
  await client.query(`create schema ${schema}`);
  await client.end();
  return {
    url: `${postgresBase}?options=${encodeURIComponent(`-c search_path=${schema}`)}`,
    async drop() {
      const dropper = new pg.Client({ connectionString: postgresBase });
      await dropper.connect();
      await dropper.query(`drop schema ${schema} cascade`);
      await dropper.end();
    },
  };
}

export interface Gateway {
  url: string;
  child: ChildProcess;
  output: () => string;
  stop(): Promise<void>;
}

/** `node bin/switchboard.js start --config FILE --port 0`, resolved once it says where it listens. */
export async function startGateway(configFile: string, env: NodeJS.ProcessEnv, cwd: string): Promise<Gateway> {
  const child = spawn(
    process.execPath,
    [join(repositoryRoot, "bin/switchboard.js"), "start", "--config", configFile, "--port", "0"],
    { cwd, env: { PATH: process.env["PATH"], HOME: cwd, ...env }, stdio: ["ignore", "pipe", "pipe"] },
  );
  let text = "";
  const url = await new Promise<string>((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      text += chunk.toString("utf8");
      const match = /Switchboard listening on (http:\/\/\S+)/.exec(text);
      if (match?.[1] !== undefined) resolve(match[1]);
    };
    child.stdout?.on("data", onData);
    child.stderr?.on("data", onData);
    child.once("exit", (code) => reject(new Error(`switchboard exited with ${code}: ${text}`)));
  });
  return {
    url,
    child,
    output: () => text,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once("exit", () => resolve());
        child.kill("SIGTERM");
      }),
  };
}

/** The admin API's answers as far as the team tests read them. */
export interface AdminAnswer {
  [field: string]: unknown;
  id: string;
  key: string;
}

export interface Team {
  gateways: Gateway[];
  fake: FakeUpstream;
  configFile: string;
  env: NodeJS.ProcessEnv;
  databaseUrl: string;
  prefix: string;
  directory: string;
  /** Calls the admin API of one gateway with the master key. */
  admin(gateway: Gateway, method: string, path: string, body?: unknown): Promise<{ status: number; body: AdminAnswer }>;
  close(): Promise<void>;
}

/**
 * Two (or more) gateway processes sharing PostgreSQL (a schema of this run's own) and Redis (a
 * key prefix of this run's own), in front of one fake upstream whose `coder` model is
 * `fake-model` over Chat Completions. `cached` is the same model on a caching route.
 */
export async function startTeam(options: {
  /** The coordination Redis (REDIS_URL); none when undefined. */
  redisUrl: string | undefined;
  script: FakeScript;
  replicas?: number;
  upstreamApi?: "openai-chat" | "anthropic-messages" | "openai-responses";
  /** More of `server:` (indented by two spaces), e.g. `  master_key_limits: { rpm: 2 }`. */
  serverLines?: string[];
  /** More top-level config, e.g. `redis: { fail_closed: true }`. */
  configLines?: string[];
  /** More environment, e.g. CACHE_REDIS_URL. */
  env?: Record<string, string>;
}): Promise<Team> {
  const fake = await startFakeUpstream({ apiKey: "sk-upstream", models: ["fake-model"], script: options.script });
  const schema = await createSchema();
  const directory = await mkdtemp(join(tmpdir(), "switchboard-team-"));
  const prefix = `sbteam:${randomBytes(6).toString("hex")}:`;
  const api = options.upstreamApi ?? "openai-chat";
  const provider =
    api === "anthropic-messages"
      ? `    type: anthropic\n    base_url: ${fake.url}\n    api_key: sk-upstream\n    models: [fake-model]`
      : `    type: openai\n    base_url: ${fake.url}/v1\n    api_key: sk-upstream\n    models: [{ id: fake-model, apis: [${api}] }]`;
  const configFile = join(directory, "switchboard.yaml");
  await writeFile(
    configFile,
    [
      "server:",
      `  api_key: ${masterKey}`,
      "  log_level: info",
      ...(options.serverLines ?? []),
      "providers:",
      "  up:",
      provider,
      "models:",
      "  coder: up/fake-model",
      "  cached: up/fake-model",
      '  "*": up/fake-model',
      "cache:",
      "  routes: [cached]",
      "  ttl_s: 60",
      ...(options.configLines ?? []),
      "",
    ].join("\n"),
  );
  const env = {
    DATABASE_URL: schema.url,
    REDIS_KEY_PREFIX: prefix,
    ...(options.redisUrl === undefined ? {} : { REDIS_URL: options.redisUrl }),
    ...options.env,
  };
  const gateways: Gateway[] = [];
  try {
    for (let index = 0; index < (options.replicas ?? 2); index += 1)
      gateways.push(await startGateway(configFile, env, directory));
  } catch (error) {
    await Promise.all(gateways.map((gateway) => gateway.stop()));
    await fake.close();
    await schema.drop();
    throw error;
  }
  return {
    gateways,
    fake,
    configFile,
    env,
    databaseUrl: schema.url,
    prefix,
    directory,
    async admin(gateway, method, path, body) {
      const response = await fetch(`${gateway.url}${path}`, {
        method,
        headers: { authorization: `Bearer ${masterKey}`, "content-type": "application/json" },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
      return { status: response.status, body: (await response.json()) as AdminAnswer };
    },
    async close() {
      await Promise.all(gateways.map((gateway) => gateway.stop()));
      await fake.close();
      await schema.drop();
    },
  };
}

/** A chat request through one gateway with a key. */
export function chat(gateway: Gateway, key: string, model = "coder", headers: Record<string, string> = {}) {
  return fetch(`${gateway.url}/v1/chat/completions`, {
    method: "POST",
    headers: { authorization: `Bearer ${key}`, "content-type": "application/json", ...headers },
    body: JSON.stringify({ model, messages: [{ role: "user", content: "hello" }] }),
  });
}

/** Waits, when the current minute is about to end, for the next: rate windows are per minute. */
export async function awayFromMinuteEdge(neededMs: number): Promise<void> {
  const left = 60_000 - (Date.now() % 60_000);
  if (left < neededMs) await new Promise((resolve) => setTimeout(resolve, left + 50));
}
