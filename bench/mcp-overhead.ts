/**
 * The time a tool call through Switchboard's `/mcp` adds over the same call made directly to the
 * server, with the official SDK client on both sides, one call at a time (a coding agent calls
 * tools one after another). Three pairs, measured in alternating rounds so that drift on this
 * shared machine falls on both sides alike:
 *   - remote: client → a remote server over Streamable HTTP, against client → Switchboard → it
 *     (bench/mcp-echo-server.ts, a minimal SDK server, and server-everything);
 *   - stdio:  client → server-memory over stdio, against client → Switchboard (HTTP) → it over stdio
 *     (this pair also counts the HTTP hop that a stdio server reached directly does not have).
 * Run: `node --import tsx bench/mcp-overhead.ts [--calls 400] [--rounds 5] [--virtual-key]`.
 */
import { spawn } from "node:child_process";
import { once } from "node:events";
import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StdioClientTransport } from "@modelcontextprotocol/sdk/client/stdio.js";
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";
import { configFromObject } from "../src/config/index.js";
import { createMemoryMcpCallSink } from "../src/mcp/mcp-call-record.js";
import { quietFetch } from "../src/mcp/open-client-transport.js";
import { startServer } from "../src/server/node.js";
import { referenceServer, startEverythingHttp } from "../test/mcp/support/reference-servers.js";

const argument = (name: string, fallback: number) => {
  const at = process.argv.indexOf(`--${name}`);
  return at > 0 ? Number(process.argv[at + 1]) : fallback;
};
const callsPerRound = argument("calls", 400);
const rounds = argument("rounds", 5);
const key = "sk-bench";

async function httpClient(url: string, headers: Record<string, string> = {}): Promise<Client> {
  const client = new Client({ name: "bench", version: "1" });
  await client.connect(
    new StreamableHTTPClientTransport(new URL(url), { requestInit: { headers }, fetch: quietFetch }),
  );
  return client;
}

async function timeCalls(
  client: Client,
  name: string,
  args: Record<string, unknown>,
  count: number,
): Promise<number[]> {
  const times: number[] = [];
  for (let index = 0; index < count; index += 1) {
    const started = process.hrtime.bigint();
    await client.callTool({ name, arguments: args });
    times.push(Number(process.hrtime.bigint() - started) / 1e6);
  }
  return times;
}

const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
};

/** bench/mcp-echo-server.ts in a process of its own; resolves with its URL. */
async function startEchoServer(): Promise<{ url: string; close(): void }> {
  const child = spawn(process.execPath, ["--import", "tsx", "bench/mcp-echo-server.ts"], {
    stdio: ["ignore", "pipe", "inherit"],
  });
  const [line] = (await once(child.stdout, "data")) as [Buffer];
  return { url: line.toString().trim(), close: () => child.kill() };
}

async function main(): Promise<void> {
  const remote = await startEverythingHttp();
  const echo = await startEchoServer();
  const folder = await mkdtemp(join(tmpdir(), "switchboard-mcp-bench-"));
  const memoryEnv = { MEMORY_FILE_PATH: join(folder, "memory.jsonl") };
  const config = configFromObject({
    server: { api_key: key, log_level: "silent" },
    mcp_servers: {
      remote: { url: remote.url },
      echo: { url: echo.url },
      memory: { command: process.execPath, args: [referenceServer.memory], env: memoryEnv },
    },
  });
  // The call records time each call inside the gateway: how much of "through" the upstream leg took.
  const calls = createMemoryMcpCallSink();
  const server = await startServer({ config, port: 0, mcp: { callSink: calls } });
  // `--virtual-key`: the calls go through a virtual key granted every server, with rate and
  // parallel limits far above what the bench reaches (key lookup, grants and limit accounting on each call).
  let presented = key;
  if (process.argv.includes("--virtual-key")) {
    const created = await fetch(`${server.url}/api/keys`, {
      method: "POST",
      headers: { authorization: `Bearer ${key}`, "content-type": "application/json" },
      body: JSON.stringify({ name: "bench", mcp: "*", rpm: 1_000_000, max_parallel: 1_000 }),
    });
    presented = ((await created.json()) as { key: string }).key;
  }
  const auth = { authorization: `Bearer ${presented}` };
  const pairs = [
    {
      name: "remote echo (minimal SDK server, Streamable HTTP, JSON responses)",
      direct: { client: await httpClient(echo.url), tool: "echo" },
      through: { client: await httpClient(`${server.url}/mcp`, auth), tool: "echo__echo" },
      args: { message: "hello" },
    },
    {
      name: "remote echo (server-everything, Streamable HTTP)",
      direct: { client: await httpClient(remote.url), tool: "echo" },
      through: { client: await httpClient(`${server.url}/mcp`, auth), tool: "remote__echo" },
      args: { message: "hello" },
    },
    {
      name: "stdio memory read_graph",
      direct: {
        client: await (async () => {
          const client = new Client({ name: "bench", version: "1" });
          const env = { ...memoryEnv, PATH: process.env["PATH"] ?? "" };
          await client.connect(
            new StdioClientTransport({ command: process.execPath, args: [referenceServer.memory], env }),
          );
          return client;
        })(),
        tool: "read_graph",
      },
      through: { client: await httpClient(`${server.url}/mcp`, auth), tool: "memory__read_graph" },
      args: {},
    },
  ];
  for (const pair of pairs) {
    calls.records.length = 0;
    const direct: number[] = [];
    const through: number[] = [];
    // Warm-up: both paths, so that neither side's first calls (JIT, connection set-up) count.
    await timeCalls(pair.direct.client, pair.direct.tool, pair.args, 200);
    await timeCalls(pair.through.client, pair.through.tool, pair.args, 200);
    for (let round = 0; round < rounds; round += 1) {
      const first = round % 2 === 0 ? "direct" : "through";
      for (const side of first === "direct" ? (["direct", "through"] as const) : (["through", "direct"] as const)) {
        const times = await timeCalls(pair[side].client, pair[side].tool, pair.args, callsPerRound);
        (side === "direct" ? direct : through).push(...times);
      }
    }
    const row = (values: number[]) =>
      `p50 ${percentile(values, 50).toFixed(3)} ms, p90 ${percentile(values, 90).toFixed(3)} ms`;
    console.log(`${pair.name}: ${direct.length} calls a side`);
    console.log(`  direct:  ${row(direct)}`);
    console.log(`  through: ${row(through)}`);
    const inside = calls.records.slice(400).map((record) => record.durationMs);
    console.log(`  of which the gateway's upstream leg (call records, whole ms): p50 ${percentile(inside, 50)} ms`);
    console.log(
      `  added p50 ${(percentile(through, 50) - percentile(direct, 50)).toFixed(3)} ms (${(percentile(through, 50) / percentile(direct, 50)).toFixed(2)}× direct)`,
    );
  }
  for (const pair of pairs) {
    await pair.direct.client.close();
    await pair.through.client.close();
  }
  await server.close();
  await remote.close();
  echo.close();
}

await main();
