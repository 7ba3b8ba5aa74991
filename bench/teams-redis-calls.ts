/**
 * How many Redis commands a request with a limited key costs the built gateway (issue 25):
 *   node --import tsx bench/teams-redis-calls.ts [--requests 400] [--concurrency 1,8]
 * Starts a throwaway redis-server (so that nobody else's commands are counted), a fake Anthropic
 * upstream and `switchboard start` with limits in that Redis; creates a key with rpm, tpm,
 * max-parallel and a budget; sends the requests (Messages passthrough) one at a time, then 8 at a
 * time, and prints Redis's INFO commandstats divided by the requests, for each. A count, not a timing: any machine will do.
 */
import { spawn } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Redis } from "ioredis";
import { startFakeUpstream, startProcess, waitForPort } from "./processes.js";
import { scenarios } from "./scenarios.js";

function option(name: string): string | undefined {
  const index = process.argv.indexOf(`--${name}`);
  return index === -1 ? undefined : process.argv[index + 1];
}
const requests = Number(option("requests") ?? 400);
const concurrencies = (option("concurrency") ?? "1,8").split(",").map(Number);
const base = 30_000 + Math.floor(Math.random() * 10_000);
const [redisPort, upstreamPort, gatewayPort] = [base, base + 1, base + 2];
const rootDir = join(import.meta.dirname, "..");
const scenario = scenarios.find((entry) => entry.name === "messages small → messages")!;

const redisServer = spawn("redis-server", ["--port", String(redisPort), "--save", "", "--appendonly", "no"], {
  stdio: "ignore",
});
await waitForPort(redisPort);
const upstream = await startFakeUpstream(upstreamPort);
const home = mkdtempSync(join(tmpdir(), "switchboard-bench-redis-calls-"));
const config = join(home, "switchboard.yaml");
writeFileSync(
  config,
  [
    `server: { host: 127.0.0.1, port: ${gatewayPort}, api_key: bench-master }`,
    "providers:",
    `  anthropic: { type: anthropic, base_url: "http://127.0.0.1:${upstreamPort}", api_key: bench, models: [bench-model] }`,
    "models:",
    "  to-anthropic: anthropic/bench-model",
    "",
  ].join("\n"),
);
const gateway = startProcess(process.execPath, [join(rootDir, "bin/switchboard.js"), "start", "--config", config], {
  cwd: home,
  env: { HOME: home, LOG_LEVEL: "warn", REDIS_URL: `redis://127.0.0.1:${redisPort}` },
});
const redis = new Redis(`redis://127.0.0.1:${redisPort}`);
try {
  await waitForPort(gatewayPort);
  const url = `http://127.0.0.1:${gatewayPort}`;
  const created = await fetch(`${url}/api/keys`, {
    method: "POST",
    headers: { authorization: "Bearer bench-master", "content-type": "application/json" },
    body: JSON.stringify({ name: "bench", rpm: 1e9, tpm: 1e12, max_parallel: 1e6, budget: "1000000000usd/month" }),
  });
  const key = ((await created.json()) as { key: string }).key;
  const send = async () => {
    const response = await fetch(`${url}/v1/messages`, {
      method: "POST",
      headers: { "x-api-key": key, "anthropic-version": "2023-06-01", "content-type": "application/json" },
      body: scenario.body("to-anthropic"),
    });
    if (response.status !== 200) throw new Error(`status ${response.status}: ${await response.text()}`);
    await response.arrayBuffer();
  };
  // The first request of a key and period seeds its budget from the store, once: not counted.
  for (let warm = 0; warm < 5; warm += 1) await send();
  await new Promise((resolve) => setTimeout(resolve, 200));
  for (const concurrency of concurrencies) {
    await redis.config("RESETSTAT");
    let sent = 0;
    const worker = async () => {
      while (sent < requests) {
        sent += 1;
        await send();
      }
    };
    await Promise.all(Array.from({ length: concurrency }, worker));
    await new Promise((resolve) => setTimeout(resolve, 200));
    const stats = (await redis.info("commandstats")).split("\n").filter((line) => line.startsWith("cmdstat_"));
    console.log(`\n${requests} requests with a limited key, ${concurrency} at a time; Redis commands a request:\n`);
    console.log("| command | calls a request |\n| --- | ---: |");
    for (const line of stats.sort()) {
      const match = /^cmdstat_(\w+):calls=(\d+)/.exec(line);
      if (match === null || ["config", "info"].includes(match[1]!)) continue;
      console.log(`| ${match[1]} | ${(Number(match[2]) / requests).toFixed(2)} |`);
    }
  }
} finally {
  redis.disconnect();
  await gateway.stop();
  await upstream.stop();
  redisServer.kill("SIGKILL");
}
