import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import OpenAI from "openai";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { configFromObject } from "../../src/config/load-config.js";
import { createProviders } from "../../src/gateway/create-providers.js";
import { createSilentLogger } from "../../src/lib/logger.js";
import { startServer, type RunningServer } from "../../src/server/node.js";
import { createMemoryUsageSink } from "../../src/store/log-usage-sink.js";
import { openUsageStore } from "../../src/store/open-usage-store.js";
import { baseStoreOptions } from "../../src/store/testing/test-engines.js";
import type { UsageStore } from "../../src/store/usage-store.js";
import { createTestProvider } from "../fake-github/create-test-provider.js";
import { startFakeGithub, type FakeGithub } from "../fake-github/start-fake-github.js";
import { faults, startFakeUpstream } from "../fake-upstream/index.js";
import type { FakeUpstream } from "../fake-upstream/types.js";

const master = "sk-embeddings-usage-master";
// $ per million input tokens for the local model (the Copilot one is priced by the default table).
const localPrice = 0.05;
let busy: FakeUpstream;
let local: FakeUpstream;
let github: FakeGithub;
let gateway: RunningServer;
let store: UsageStore;
let folder: string;

interface StoredRow {
  id: string;
  client_api: string;
  requested_model: string;
  route: string | null;
  provider: string;
  upstream_model: string;
  key_id: string | null;
  client: string | null;
  status: number;
  error_code: string | null;
  input_tokens: number;
  output_tokens: number;
  duration_ms: number;
  cost_usd: number | null;
  attempt_count: number;
  fallback: number;
  attempts: string;
}

beforeAll(async () => {
  // The first target answers every embeddings call with OpenAI's 429: the route must move on.
  busy = await startFakeUpstream({ apiKey: "sk-busy", models: ["gpt-5.1"], script: () => faults.rateLimited() });
  local = await startFakeUpstream({ apiKey: "sk-local", models: ["gpt-5.1"] });
  github = await startFakeGithub();
  folder = mkdtempSync(join(tmpdir(), "switchboard-embeddings-usage-"));
  const config = configFromObject({
    server: { api_key: master },
    providers: {
      busy: { type: "openai-compatible", base_url: `${busy.url}/v1`, api_key: "sk-busy", models: ["gpt-5.1"] },
      local: { type: "openai-compatible", base_url: `${local.url}/v1`, api_key: "sk-local", models: ["gpt-5.1"] },
    },
    models: {
      embedder: { deployments: ["busy/nomic-embed-text"], fallbacks: ["local/nomic-embed-text"], retries: 0 },
    },
  });
  const built = createProviders({ config, env: {}, configDir: "/nonexistent", logger: createSilentLogger() });
  const copilot = await createTestProvider(github);
  store = await openUsageStore({
    store: baseStoreOptions({
      path: join(folder, "usage.sqlite"),
      flushIntervalMs: 50,
      prices: { "nomic-embed-text": { input: localPrice, output: 0 } },
    }),
    logger: createSilentLogger(),
  });
  gateway = await startServer({
    config,
    port: 0,
    providers: [...built.values(), copilot],
    usageStore: store,
    usageSink: createMemoryUsageSink(),
    logger: createSilentLogger(),
  });
});
afterAll(async () => {
  await gateway.close();
  await github.close();
  await busy.close();
  await local.close();
  rmSync(folder, { recursive: true, force: true });
});

async function createKey(body: Record<string, unknown>): Promise<{ id: string; key: string }> {
  const response = await fetch(`${gateway.url}/api/keys`, {
    method: "POST",
    headers: { authorization: `Bearer ${master}`, "content-type": "application/json" },
    body: JSON.stringify(body),
  });
  expect(response.status).toBe(201);
  return (await response.json()) as { id: string; key: string };
}

/** The row as it sits in the SQLite file, read with a connection of its own after the store's flush. */
async function storedRow(requestId: string): Promise<StoredRow | undefined> {
  await store.flush();
  const database = new Database(join(folder, "usage.sqlite"), { readonly: true });
  try {
    return database.prepare("select * from requests where id = ?").get(requestId) as StoredRow | undefined;
  } finally {
    database.close();
  }
}

describe("embeddings as a first-class request (official OpenAI SDK, SQLite store)", () => {
  it("falls back past a rate-limited target and stores one row: model, provider, key, client, tokens, cost", async () => {
    const { id, key } = await createKey({ name: "embedder-key" });
    const client = new OpenAI({ baseURL: `${gateway.url}/v1`, apiKey: key, maxRetries: 0 });
    const { data, response } = await client.embeddings
      .create({ model: "embedder", input: ["a sentence to embed", "and another"] })
      .withResponse();
    expect(data.data).toHaveLength(2);
    expect(response.headers.get("x-switchboard-provider")).toBe("local");
    expect(response.headers.get("x-switchboard-attempted")).toBe(
      "busy/nomic-embed-text=rate_limited(429), local/nomic-embed-text=ok",
    );
    expect(busy.calls.filter((call) => call.api === "openai-embeddings")).toHaveLength(1);
    const requestId = response.headers.get("x-request-id") ?? "";
    const row = await storedRow(requestId);
    expect(row).toMatchObject({
      client_api: "openai-embeddings",
      requested_model: "embedder",
      route: "embedder",
      provider: "local",
      upstream_model: "nomic-embed-text",
      key_id: id,
      client: "openai-sdk",
      status: 200,
      error_code: null,
      input_tokens: data.usage.prompt_tokens,
      output_tokens: 0,
      attempt_count: 2,
      fallback: 1,
    });
    expect(data.usage.prompt_tokens).toBeGreaterThan(0);
    expect(row?.cost_usd).toBeCloseTo((data.usage.prompt_tokens * localPrice) / 1_000_000, 12);
    expect(row?.duration_ms).toBeGreaterThanOrEqual(0);
    expect(JSON.parse(row?.attempts ?? "[]")).toEqual([
      { provider: "busy", model: "nomic-embed-text", outcome: "rate_limited", status: 429 },
      { provider: "local", model: "nomic-embed-text", outcome: "served" },
    ]);
  });

  it("stores a Copilot embeddings row priced from the default table", async () => {
    const client = new OpenAI({ baseURL: `${gateway.url}/v1`, apiKey: master, maxRetries: 0 });
    const { data, response } = await client.embeddings
      .create({ model: "copilot/text-embedding-3-small", input: "copilot vectors" })
      .withResponse();
    const row = await storedRow(response.headers.get("x-request-id") ?? "");
    expect(row).toMatchObject({
      provider: "copilot",
      upstream_model: "text-embedding-3-small",
      key_id: "master",
      status: 200,
      input_tokens: data.usage.prompt_tokens,
    });
    // text-embedding-3-small: $0.02 per million input tokens.
    expect(row?.cost_usd).toBeCloseTo((data.usage.prompt_tokens * 0.02) / 1_000_000, 12);
  });

  it("settles the key's token limit with the upstream's count: the next request is refused", async () => {
    const { key } = await createKey({ name: "tpm-key", tpm: 3 });
    const client = new OpenAI({ baseURL: `${gateway.url}/v1`, apiKey: key, maxRetries: 0 });
    const first = await client.embeddings.create({ model: "local/nomic-embed-text", input: "twelve chars and more" });
    expect(first.usage.prompt_tokens).toBeGreaterThan(3);
    const refused = client.embeddings.create({ model: "local/nomic-embed-text", input: "x" });
    await expect(refused).rejects.toBeInstanceOf(OpenAI.RateLimitError);
    await expect(refused).rejects.toThrow(/tokens per minute/);
  });

  it("stores a refusal too (a provider without the model), with the error code", async () => {
    const response = await fetch(`${gateway.url}/v1/embeddings`, {
      method: "POST",
      headers: { authorization: `Bearer ${master}`, "content-type": "application/json" },
      body: JSON.stringify({ model: "copilot/gpt-4.1", input: "x" }),
    });
    expect(response.status).toBe(400);
    const row = await storedRow(response.headers.get("x-request-id") ?? "");
    expect(row).toMatchObject({ provider: "copilot", status: 400, error_code: "invalid_request", input_tokens: 0 });
  });
});
