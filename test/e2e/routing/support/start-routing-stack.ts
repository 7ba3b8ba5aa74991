import { configFromObject, type ConfigFile } from "../../../../src/config/index.js";
import { createLogger } from "../../../../src/lib/logger.js";
import { startServer, type RunningServer } from "../../../../src/server/node.js";
import type { UsageRecord } from "../../../../src/store/usage-record.js";
import { startFakeUpstream } from "../../../fake-upstream/index.js";
import type { FakeReply, FakeUpstream, RecordedCall } from "../../../fake-upstream/types.js";

export const upstreamKey = "sk-upstream-routing";

/** One upstream account: a fake of its vendor, and the provider entry that points at it. */
export interface UpstreamSpec {
  vendor: "openai" | "anthropic";
  /** The model it serves (default `m`). */
  model?: string;
  contextWindow?: number;
  /** Per-provider timeouts, short for the hang tests. */
  timeouts?: { first_byte_ms?: number; idle_ms?: number };
  /** What it answers; the number counts generation calls to this upstream, from 0. */
  script?: (call: RecordedCall, index: number) => FakeReply | Promise<FakeReply>;
}

export interface RoutingStack {
  url: string;
  server: RunningServer;
  fakes: Record<string, FakeUpstream>;
  usage: UsageRecord[];
  /** Generation calls one upstream received. */
  calls(id: string): RecordedCall[];
  close(): Promise<void>;
}

/**
 * One fake upstream per provider id and the gateway in front of them on port 0, with the routes
 * and `router:` block under test. Provider `a` speaking OpenAI Chat is `{ a: { vendor: "openai" } }`.
 */
export async function startRoutingStack(options: {
  upstreams: Record<string, UpstreamSpec>;
  models: NonNullable<ConfigFile["models"]>;
  router?: ConfigFile["router"];
}): Promise<RoutingStack> {
  const fakes: Record<string, FakeUpstream> = {};
  const providers: NonNullable<ConfigFile["providers"]> = {};
  for (const [id, spec] of Object.entries(options.upstreams)) {
    const model = spec.model ?? "m";
    let index = 0;
    const fake = await startFakeUpstream({
      apiKey: upstreamKey,
      models: [model],
      script: (call) => (spec.script === undefined ? { text: `from ${id}` } : spec.script(call, index++)),
    });
    fakes[id] = fake;
    const entry = {
      id: model,
      apis: [spec.vendor === "openai" ? "openai-chat" : "anthropic-messages"],
      ...(spec.contextWindow === undefined ? {} : { context_window: spec.contextWindow }),
    };
    providers[id] = {
      type: spec.vendor,
      base_url: spec.vendor === "openai" ? `${fake.url}/v1` : fake.url,
      api_key: upstreamKey,
      models: [entry],
      ...(spec.timeouts === undefined ? {} : { timeouts: spec.timeouts }),
    };
  }
  const config = configFromObject({
    server: { log_level: "silent" },
    providers,
    models: options.models,
    ...(options.router === undefined ? {} : { router: options.router }),
  });
  const usage: UsageRecord[] = [];
  const server = await startServer({
    config,
    port: 0,
    host: "127.0.0.1",
    logger: createLogger({ level: "silent" }),
    usageSink: { record: (record) => usage.push(record) },
  });
  const generation = new Set(["openai-chat", "openai-responses", "anthropic-messages"]);
  return {
    url: server.url,
    server,
    fakes,
    usage,
    calls: (id) => (fakes[id]?.calls ?? []).filter((call) => generation.has(call.api)),
    async close() {
      await server.close();
      await Promise.all(Object.values(fakes).map((fake) => fake.close()));
    },
  };
}

/** An Anthropic Messages request as Claude Code would send it (non-streaming unless asked). */
export async function sendMessages(url: string, model: string, extra: Record<string, unknown> = {}): Promise<Response> {
  return fetch(`${url}/v1/messages`, {
    method: "POST",
    headers: { "content-type": "application/json", "x-api-key": "unused", "anthropic-version": "2023-06-01" },
    body: JSON.stringify({ model, max_tokens: 64, messages: [{ role: "user", content: "Hi" }], ...extra }),
  });
}

/** An OpenAI Chat request (non-streaming unless asked). */
export async function sendChat(url: string, model: string, extra: Record<string, unknown> = {}): Promise<Response> {
  return fetch(`${url}/v1/chat/completions`, {
    method: "POST",
    headers: { "content-type": "application/json", authorization: "Bearer unused" },
    body: JSON.stringify({ model, messages: [{ role: "user", content: "Hi" }], ...extra }),
  });
}
