import { createServer } from "node:net";
import { join, resolve } from "node:path";
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StdioClientTransport } from "@modelcontextprotocol/sdk/client/stdio.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runDoctor } from "../../src/cli/commands/doctor.js";
import { createSilentLogger } from "../../src/lib/logger.js";
import { openUsageStore } from "../../src/store/open-usage-store.js";
import { baseStoreOptions, testPostgresUrl } from "../../src/store/testing/test-engines.js";
import { startFakeGithub, type FakeGithub } from "../fake-github/start-fake-github.js";
import { makeFakeHome, type FakeHome } from "../setup/fake-home.js";
import { testRedisUrl } from "../support/test-redis-url.js";
import { storeMigrations } from "../../src/store/migrations/index.js";

const memoryServer = resolve("node_modules/@modelcontextprotocol/server-memory/dist/index.js");
let github: FakeGithub;
let memoryToolCount: number;

/** A port nothing listens on: a server takes it and lets it go. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((done) => server.listen(0, "127.0.0.1", done));
  const port = (server.address() as { port: number }).port;
  await new Promise((done) => server.close(done));
  return port;
}

/** The memory server's tools as the official SDK's own client lists them, to compare with the doctor's count. */
async function listMemoryTools(): Promise<number> {
  const client = new Client({ name: "doctor-test", version: "1.0.0" });
  await client.connect(new StdioClientTransport({ command: process.execPath, args: [memoryServer], stderr: "pipe" }));
  try {
    return (await client.listTools()).tools.length;
  } finally {
    await client.close();
  }
}

function yaml(options: { port: number; store?: string; redis?: string; mcp?: string; models?: string }): string {
  const lines = [
    "server:",
    `  port: ${options.port}`,
    "  log_level: silent",
    "providers:",
    "  copilot:",
    "    type: github-copilot",
    "    token: ghu_valid",
    `    github_url: ${github.githubUrl}`,
    `    github_api_url: ${github.apiUrl}`,
  ];
  if (options.models !== undefined) lines.push("models:", `  ${options.models}`);
  if (options.store !== undefined) lines.push("store:", `  ${options.store}`);
  if (options.redis !== undefined) lines.push("redis:", `  url: ${options.redis}`);
  if (options.mcp !== undefined) lines.push("mcp_servers:", options.mcp);
  return `${lines.join("\n")}\n`;
}

function memoryEntry(name: string, command: string, args: string[]): string {
  return [`  ${name}:`, `    command: ${JSON.stringify(command)}`, `    args: ${JSON.stringify(args)}`].join("\n");
}

async function doctor(home: FakeHome, config: string): Promise<{ healthy: boolean; lines: string[] }> {
  const lines: string[] = [];
  const healthy = await runDoctor({
    target: { config },
    env: { HOME: home.home, PATH: "" },
    cwd: home.cwd,
    write: (line) => lines.push(line),
    providerTimeoutMs: 5_000,
  });
  return { healthy, lines };
}

/** The line that starts with `prefix`, and the fix under it. */
function lineAndFix(lines: string[], prefix: string): [string | undefined, string | undefined] {
  const index = lines.findIndex((line) => line.startsWith(prefix));
  return index === -1 ? [undefined, undefined] : [lines[index], lines[index + 1]];
}

beforeAll(async () => {
  github = await startFakeGithub();
  memoryToolCount = await listMemoryTools();
});
afterAll(async () => {
  await github.close();
});

describe("switchboard doctor: store, Redis, the Copilot plan and MCP servers", () => {
  it("passes on a healthy setup: a migrated SQLite store, Redis answering, the Copilot plan, the memory server's tools", async () => {
    const home = await makeFakeHome();
    const path = join(home.home, "data", "usage.sqlite");
    // Migrated as `switchboard start` migrates it.
    const store = await openUsageStore({ store: baseStoreOptions({ path }), logger: createSilentLogger() });
    await store.close();
    const port = await closedPort();
    const config = await home.writeConfig(
      yaml({
        port,
        store: `path: ${path}`,
        redis: testRedisUrl,
        mcp: memoryEntry("memory", process.execPath, [memoryServer]),
        models: "embedder: copilot/text-embedding-3-small",
      }),
    );
    const { healthy, lines } = await doctor(home, config);
    const redisAt = new URL(testRedisUrl);
    expect(lines, lines.join("\n")).toEqual(
      expect.arrayContaining([
        expect.stringMatching(
          /^✓ Provider copilot \(github-copilot\): reached and signed in; \d+ models; octocat, plan individual, 237 of 300 premium requests left, resets 2026-12-01$/,
        ),
        `✓ Usage store: SQLite at ${path}; migrations ${storeMigrations.length} of ${storeMigrations.length} applied (latest ${storeMigrations.at(-1)?.name})`,
        `✓ Redis: PONG from ${redisAt.hostname}:${redisAt.port || "6379"}; limits shared across replicas`,
        `✓ MCP server memory (stdio): started; ${memoryToolCount} tools (${process.execPath} ${memoryServer})`,
        // Model lists leave embedding models out: an embeddings route is a note, not a failure.
        "– Route embedder → copilot/text-embedding-3-small: an embeddings model: /v1/embeddings sends it to copilot as named (not listed, not checked)",
        "Everything checked is fine.",
      ]),
    );
    expect(memoryToolCount).toBeGreaterThan(0);
    expect(lines.filter((line) => line.startsWith("✗"))).toEqual([]);
    expect(healthy).toBe(true);
  });

  it("reaches a PostgreSQL store and says where it is, never its password", async () => {
    const home = await makeFakeHome();
    const url = new URL(testPostgresUrl);
    url.password = "pg-secret-password";
    const config = await home.writeConfig(yaml({ port: await closedPort(), store: `url: ${url.href}` }));
    const { lines } = await doctor(home, config);
    const [line] = lineAndFix(lines, "✓ Usage store:");
    expect(line, lines.join("\n")).toMatch(
      new RegExp(`^✓ Usage store: PostgreSQL at ${url.hostname}:${url.port || "5432"}${url.pathname}; `),
    );
    expect(lines.join("\n")).not.toContain("pg-secret-password");
  });

  it("names an unreachable store, where it points and the fix, and exits unhealthy", async () => {
    const home = await makeFakeHome();
    const port = await closedPort();
    const config = await home.writeConfig(
      yaml({ port: await closedPort(), store: `url: postgres://switchboard:hunter2@127.0.0.1:${port}/usage` }),
    );
    const { healthy, lines } = await doctor(home, config);
    const [line, fix] = lineAndFix(lines, "✗ Usage store:");
    expect(line, lines.join("\n")).toMatch(
      new RegExp(`^✗ Usage store: cannot reach PostgreSQL at 127\\.0\\.0\\.1:${port}/usage \\(.*ECONNREFUSED.*\\); `),
    );
    expect(line).toContain("requests are still served, usage rows wait in memory (store.queue_max)");
    expect(fix).toBe(
      "    Fix: start PostgreSQL there, or fix store.url / DATABASE_URL (remove both to use the embedded SQLite store)",
    );
    expect(lines.join("\n")).not.toContain("hunter2");
    expect(healthy).toBe(false);
  });

  it("names an unreachable Redis and says limits fall back to per process", async () => {
    const home = await makeFakeHome();
    const port = await closedPort();
    const config = await home.writeConfig(yaml({ port: await closedPort(), redis: `redis://127.0.0.1:${port}` }));
    const { healthy, lines } = await doctor(home, config);
    const [line, fix] = lineAndFix(lines, "✗ Redis:");
    expect(line, lines.join("\n")).toMatch(
      new RegExp(
        `^✗ Redis: cannot reach 127\\.0\\.0\\.1:${port} \\(.*ECONNREFUSED.*\\); until it is back, limits fall back to per process \\(each replica counts alone\\)$`,
      ),
    );
    expect(fix).toBe(
      "    Fix: start Redis there, or fix redis.url / REDIS_URL (remove both to run one process without Redis)",
    );
    expect(healthy).toBe(false);
  });

  it("names an MCP server whose command fails, with what it said, and one whose command does not exist", async () => {
    const home = await makeFakeHome();
    const failing = ["-e", "console.error('memory: cannot open /data/memory.json'); process.exit(1)"];
    const mcp = [
      memoryEntry("broken", process.execPath, failing),
      memoryEntry("missing", "/nonexistent/bin/mcp-server", []),
    ].join("\n");
    const config = await home.writeConfig(yaml({ port: await closedPort(), mcp }));
    const { healthy, lines } = await doctor(home, config);
    const [broken, brokenFix] = lineAndFix(lines, "✗ MCP server broken (stdio):");
    expect(broken, lines.join("\n")).toMatch(
      /^✗ MCP server broken \(stdio\): did not start or list its tools: .+; it said: memory: cannot open \/data\/memory\.json$/,
    );
    expect(brokenFix).toBe(
      "    Fix: check mcp_servers.broken.command, args and env (run the command by hand to see it start)",
    );
    const [missing] = lineAndFix(lines, "✗ MCP server missing (stdio):");
    expect(missing, lines.join("\n")).toMatch(/ENOENT/);
    expect(healthy).toBe(false);
  });
});
