import { afterEach, describe, expect, it } from "vitest";
import { resolveConfig } from "../../src/config/index.js";
import { createSilentLogger } from "../../src/lib/logger.js";
import { startServer, type RunningServer } from "../../src/server/node.js";
import { createMemoryUsageSink } from "../../src/store/log-usage-sink.js";
import { openUsageStore } from "../../src/store/open-usage-store.js";
import { testEngines } from "../../src/store/testing/test-engines.js";
import type { UsageRecord } from "../../src/store/usage-record.js";
import type { UsageStore } from "../../src/store/usage-store.js";
import { startFakeUpstream } from "../fake-upstream/index.js";
import type { FakeUpstream } from "../fake-upstream/types.js";

const gatewayKey = "sk-gateway-stream-bodies";
const upstreamKey = "sk-upstream-stream-bodies";
// A token the model echoes back: the stored answer must not keep it.
const secret = "ghp_abcdefghijklmnopqrstuvwxyz0123456789";

describe.each(testEngines)("streamed answers' bodies with store.bodies on $name", (engine) => {
  const cleanups: Array<() => Promise<void>> = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  async function start(bodies: boolean): Promise<{ server: RunningServer; store: UsageStore; fake: FakeUpstream }> {
    let text = "";
    const fake = await startFakeUpstream({
      apiKey: upstreamKey,
      models: ["fake-model"],
      script: (call) => {
        const prompt = JSON.stringify(call.body);
        // The fake cuts text into three deltas: the token leads a text long enough to stay in the first.
        text = prompt.includes("long answer")
          ? "word ".repeat(30_000)
          : `${secret} is your token; keep it out of prompts, logs and anything else that is stored or shared.`;
        return { text, usage: { inputTokens: 12, outputTokens: 5 } };
      },
    });
    cleanups.push(() => fake.close());
    const created = await engine.create();
    cleanups.push(created.cleanup);
    const store = await openUsageStore({
      store: { ...created.options, bodies, flushIntervalMs: 50 },
      logger: createSilentLogger(),
    });
    const config = resolveConfig(
      {
        server: { api_key: gatewayKey, log_level: "silent" },
        store: { bodies },
        providers: {
          // Messages to Messages: passthrough. Messages to Responses: translated.
          anth: { type: "anthropic", base_url: fake.url, api_key: upstreamKey, models: ["fake-model"] },
          oai: {
            type: "openai",
            base_url: `${fake.url}/v1`,
            api_key: upstreamKey,
            models: [{ id: "fake-model", apis: ["openai-responses"] }],
          },
        },
        models: { passthrough: "anth/fake-model", translated: "oai/fake-model" },
        routing: { max_retries: 0 },
      },
      {},
      { port: 0 },
    );
    const server = await startServer({
      config,
      port: 0,
      usageStore: store,
      usageSink: createMemoryUsageSink(),
      logger: createSilentLogger(),
    });
    cleanups.push(() => server.close());
    return { server, store, fake };
  }

  async function streamMessage(server: RunningServer, model: string, prompt: string) {
    const response = await fetch(`${server.url}/v1/messages`, {
      method: "POST",
      headers: {
        "content-type": "application/json",
        "x-api-key": gatewayKey,
        "anthropic-version": "2023-06-01",
      },
      body: JSON.stringify({ model, max_tokens: 100, stream: true, messages: [{ role: "user", content: prompt }] }),
    });
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toContain("text/event-stream");
    return { id: response.headers.get("x-request-id") ?? "", received: await response.text() };
  }

  async function storedRecord(server: RunningServer, store: UsageStore, id: string): Promise<UsageRecord> {
    await store.flush();
    const response = await fetch(`${server.url}/api/requests/${id}`, {
      headers: { authorization: `Bearer ${gatewayKey}` },
    });
    expect(response.status).toBe(200);
    return (await response.json()) as UsageRecord;
  }

  it.each(["passthrough", "translated"])(
    "keeps the %s stream the client received, as SSE text, with the token redacted",
    async (model) => {
      const { server, store } = await start(true);
      const { id, received } = await streamMessage(server, model, "what is my token?");
      expect(received).toContain(secret);
      expect(received).toContain("event: message_stop");
      const record = await storedRecord(server, store, id);
      expect(record).toMatchObject({ stream: true, passthrough: model === "passthrough", status: 200 });
      expect(record.bodies?.request).toContain("what is my token?");
      // Byte for byte what went to the client, but for the token.
      expect(record.bodies?.response).toBe(received.split(secret).join("[redacted]"));
    },
  );

  it("keeps the first 64 K characters of a long stream and says how long the whole was", async () => {
    const { server, store } = await start(true);
    const { id, received } = await streamMessage(server, "translated", "a long answer please");
    expect(received.length).toBeGreaterThan(150_000);
    const response = (await storedRecord(server, store, id)).bodies?.response ?? "";
    expect(response).toBe(`${received.slice(0, 65_536)}…[cut at 65536 of ${received.length} characters]`);
  });

  it("keeps no body of a stream when store.bodies is off", async () => {
    const { server, store } = await start(false);
    const { id } = await streamMessage(server, "passthrough", "what is my token?");
    const record = await storedRecord(server, store, id);
    expect(record.status).toBe(200);
    expect(record.bodies).toBeUndefined();
  });
});
