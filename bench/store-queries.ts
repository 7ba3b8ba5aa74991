/**
 * The usage store at 1,000,000 rows: a generator writes a month of requests (sessions of a few
 * hundred requests, several models, clients and providers) through the store's own batch writer,
 * then the `/api/usage` and `/api/requests` queries are timed (median of 5). One engine a run:
 *
 *   node --import tsx bench/store-queries.ts --engine sqlite [--rows 1000000]
 *   node --import tsx bench/store-queries.ts --engine postgres [--url postgres://postgres@127.0.0.1:5432/test]
 *
 * PostgreSQL runs in a schema of its own, dropped afterwards; SQLite in a temporary folder.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import pg from "pg";
import { createSilentLogger } from "../src/lib/logger.js";
import { openUsageStore } from "../src/store/open-usage-store.js";
import { baseStoreOptions } from "../src/store/testing/test-engines.js";
import type { UsageRecord } from "../src/store/usage-record.js";
import type { UsageStore } from "../src/store/usage-store.js";

const { values } = parseArgs({
  options: {
    engine: { type: "string", default: "sqlite" },
    rows: { type: "string", default: "1000000" },
    url: { type: "string", default: "postgres://postgres@127.0.0.1:5432/test" },
  },
});
const rowCount = Number(values.rows);
const dayMs = 86_400_000;
const models = [
  ["copilot", "claude-sonnet-4.5"],
  ["copilot", "claude-opus-4.5"],
  ["copilot", "gpt-5.1-codex"],
  ["duo", "claude-sonnet-4-5"],
  ["openai", "gpt-5-mini"],
  ["anthropic", "claude-haiku-4-5"],
] as const;
const clients = ["claude-code", "codex", "openai-sdk"] as const;

/** Deterministic pseudo-random numbers, so both engines get the same rows. */
function random(seed: number): () => number {
  let state = seed;
  return () => (state = (state * 1_103_515_245 + 12_345) % 2_147_483_648) / 2_147_483_648;
}

function* generate(count: number, now: number): Generator<UsageRecord[]> {
  const next = random(42);
  const sessionLength = 400;
  let batch: UsageRecord[] = [];
  for (let index = 0; index < count; index += 1) {
    const session = Math.floor(index / sessionLength);
    // Sessions spread over 30 days; requests in a session a few seconds apart.
    const sessionStart = now - 30 * dayMs + (session * 30 * dayMs * sessionLength) / count;
    const [provider, model] = models[(session + (next() < 0.2 ? 1 : 0)) % models.length] ?? models[0];
    const status = next() < 0.02 ? 429 : 200;
    const durationMs = Math.round(300 + next() * 20_000);
    batch.push({
      requestId: `req_${String(index).padStart(8, "0")}`,
      startedAt: new Date(sessionStart + (index % sessionLength) * 5_000).toISOString(),
      clientApi: "anthropic-messages",
      requestedModel: model,
      provider,
      upstreamModel: model,
      upstreamApi: "anthropic-messages",
      passthrough: true,
      stream: true,
      status,
      usage: {
        inputTokens: Math.round(next() * 80_000),
        outputTokens: Math.round(next() * 2_000),
        cacheReadTokens: 20_000,
      },
      durationMs,
      firstByteMs: Math.round(durationMs / 4),
      attempts: [{ provider, model, outcome: status === 200 ? "served" : "rate_limited", status }],
      warnings: [],
      initiator: next() < 0.3 ? "user" : "agent",
      client: clients[session % clients.length],
      sessionId: `session-${session}`,
      route: "sonnet",
      premiumSpent: 1,
      premiumSaved: 0,
      costUsd: 0.01,
    });
    if (batch.length === 5000) {
      yield batch;
      batch = [];
    }
  }
  if (batch.length > 0) yield batch;
}

async function median(run: () => Promise<unknown>): Promise<number> {
  const times: number[] = [];
  for (let round = 0; round < 5; round += 1) {
    const started = performance.now();
    await run();
    times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  return times[2] ?? 0;
}

async function timeQueries(store: UsageStore, now: number): Promise<Array<[string, number]>> {
  const last = await store.listRequests({ limit: 50 });
  const results: Array<[string, number]> = [];
  const cases: Array<[string, () => Promise<unknown>]> = [
    ["/api/usage last 24 h by model", () => store.queryUsage({ from: now - dayMs, to: now, groupBy: "model" })],
    [
      "/api/usage last 7 days by session",
      () => store.queryUsage({ from: now - 7 * dayMs, to: now, groupBy: "session" }),
    ],
    ["/api/usage last 30 days by model", () => store.queryUsage({ from: now - 30 * dayMs, to: now, groupBy: "model" })],
    ["/api/usage last 30 days by day", () => store.queryUsage({ from: now - 30 * dayMs, to: now, groupBy: "day" })],
    ["/api/usage last 7 days by hour", () => store.queryUsage({ from: now - 7 * dayMs, to: now, groupBy: "hour" })],
    ["/api/requests?limit=50", () => store.listRequests({ limit: 50 })],
    ["/api/requests?limit=50&before=<page 1>", () => store.listRequests({ limit: 50, before: last.next_before ?? "" })],
    ["/api/requests?limit=50&session=…", () => store.listRequests({ limit: 50, session: "session-1000" })],
    ["/api/requests?limit=50&model=gpt-5-mini", () => store.listRequests({ limit: 50, model: "gpt-5-mini" })],
    ["/api/requests?limit=50&status=429", () => store.listRequests({ limit: 50, status: 429 })],
    ["/api/requests?limit=50&client=codex", () => store.listRequests({ limit: 50, client: "codex" })],
  ];
  for (const [name, run] of cases) results.push([name, await median(run)]);
  return results;
}

async function main(): Promise<void> {
  const now = Date.now();
  let cleanup: () => Promise<void>;
  let options = baseStoreOptions();
  if (values.engine === "postgres") {
    const schema = `switchboard_bench_${process.pid}`;
    const admin = new pg.Client(values.url);
    await admin.connect();
    await admin.query(`create schema ${schema}`);
    await admin.end();
    options = baseStoreOptions({ engine: "postgres", url: values.url, schema });
    cleanup = async () => {
      const client = new pg.Client(values.url);
      await client.connect();
      await client.query(`drop schema ${schema} cascade`);
      await client.end();
    };
  } else {
    const folder = mkdtempSync(join(tmpdir(), "switchboard-bench-store-"));
    options = baseStoreOptions({ path: join(folder, "usage.sqlite") });
    cleanup = async () => rmSync(folder, { recursive: true, force: true });
  }
  const store = await openUsageStore({ store: options, logger: createSilentLogger() });
  try {
    const started = performance.now();
    // Through the store's own path: the queue, its batches, the rollups.
    for (const batch of generate(rowCount, now)) {
      for (const record of batch) store.record(record);
      await store.flush();
    }
    const writeSeconds = (performance.now() - started) / 1000;
    console.log(
      `${values.engine}: wrote ${rowCount} rows in ${writeSeconds.toFixed(1)} s (${Math.round(rowCount / writeSeconds)} rows/s)`,
    );
    console.log(`RSS ${Math.round(process.memoryUsage().rss / 1e6)} MB`);
    console.log("| query | median of 5 (ms) |\n| --- | ---: |");
    for (const [name, ms] of await timeQueries(store, now)) console.log(`| ${name} | ${ms.toFixed(1)} |`);
  } finally {
    await store.close();
    await cleanup();
  }
}

await main();
