import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { configFromObject } from "../config/load-config.js";
import { anthropicMessage, fakeProvider, jsonResponse, sseResponse } from "../gateway/testing/fake-provider.js";
import { createSilentLogger } from "../lib/logger.js";
import { createMemoryUsageSink } from "../store/log-usage-sink.js";
import { openUsageStore } from "../store/open-usage-store.js";
import type { UsageRecord } from "../store/usage-record.js";
import { baseStoreOptions } from "../store/testing/test-engines.js";
import { startServer } from "./node.js";

const master = "master-for-cache-tests";
const stream = [
  'event: message_start\ndata: {"type":"message_start","message":{"id":"msg_1","type":"message","role":"assistant","model":"claude-sonnet-4-5","content":[],"stop_reason":null,"usage":{"input_tokens":5,"output_tokens":1}}}\n\n',
  'event: content_block_start\ndata: {"type":"content_block_start","index":0,"content_block":{"type":"text","text":""}}\n\nevent: content_block_delta\ndata: {"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":"cached"}}\n\n',
  'event: content_block_stop\ndata: {"type":"content_block_stop","index":0}\n\nevent: message_delta\ndata: {"type":"message_delta","delta":{"stop_reason":"end_turn","stop_sequence":null},"usage":{"output_tokens":2}}\n\nevent: message_stop\ndata: {"type":"message_stop"}\n\n',
];

async function withCacheServer(
  run: (
    url: string,
    upstreamCalls: () => number,
    fail: (value: boolean) => void,
    records: UsageRecord[],
  ) => Promise<void>,
) {
  let failing = false;
  const usage = createMemoryUsageSink();
  const provider = fakeProvider({
    id: "anthropic",
    models: [{ id: "claude-sonnet-4-5", apis: ["anthropic-messages"] }],
    respond: (request) => {
      if (failing) return jsonResponse({ type: "error", error: { type: "api_error", message: "boom" } }, 500);
      return request.stream
        ? sseResponse(stream)
        : jsonResponse(anthropicMessage("cached", { input_tokens: 5, output_tokens: 2 }));
    },
  });
  const server = await startServer({
    config: configFromObject({
      server: { api_key: master },
      models: { sonnet: "anthropic/claude-sonnet-4-5", plain: "anthropic/claude-sonnet-4-5" },
      cache: { routes: ["sonnet"], ttl_s: 60 },
    }),
    port: 0,
    host: "127.0.0.1",
    providers: [provider],
    usageSink: usage,
    logger: createSilentLogger(),
  });
  try {
    await run(
      server.url,
      () => provider.requests.length,
      (value) => (failing = value),
      usage.records,
    );
  } finally {
    await server.close();
  }
}

function ask(
  url: string,
  options: { model?: string; stream?: boolean; key?: string; headers?: Record<string, string> } = {},
) {
  return fetch(`${url}/v1/messages`, {
    method: "POST",
    headers: {
      "x-api-key": options.key ?? master,
      "content-type": "application/json",
      "anthropic-version": "2023-06-01",
      ...options.headers,
    },
    body: JSON.stringify({
      model: options.model ?? "sonnet",
      max_tokens: 100,
      stream: options.stream ?? false,
      messages: [{ role: "user", content: "same question" }],
    }),
  });
}

describe("the response cache", () => {
  it("answers a repeated request on a caching route from the cache, marked hit, without the upstream", async () => {
    await withCacheServer(async (url, upstreamCalls, _fail, records) => {
      const first = await ask(url);
      expect(first.headers.get("x-switchboard-cache")).toBe("miss");
      const firstBody = await first.json();
      const second = await ask(url);
      expect(second.status).toBe(200);
      expect(second.headers.get("x-switchboard-cache")).toBe("hit");
      expect(await second.json()).toEqual(firstBody);
      expect(upstreamCalls()).toBe(1);
      // Both rows count under the route (usage by route), the hit as a hit.
      expect(records.map((record) => [record.route, record.cacheHit])).toEqual([
        ["sonnet", "miss"],
        ["sonnet", "hit"],
      ]);
    });
  });

  it("replays a cached stream as the same stream", async () => {
    await withCacheServer(async (url, upstreamCalls) => {
      const first = await ask(url, { stream: true });
      expect(await first.text()).toBe(stream.join(""));
      const second = await ask(url, { stream: true });
      expect(second.headers.get("x-switchboard-cache")).toBe("hit");
      expect(second.headers.get("content-type")).toBe("text/event-stream");
      expect(await second.text()).toBe(stream.join(""));
      expect(upstreamCalls()).toBe(1);
    });
  });

  it("skips the read on cache-control: no-cache, and leaves other routes alone unless a request opts in", async () => {
    await withCacheServer(async (url, upstreamCalls) => {
      await (await ask(url)).text();
      const bypass = await ask(url, { headers: { "cache-control": "no-cache" } });
      expect(bypass.headers.get("x-switchboard-cache")).toBe("miss");
      await bypass.text();
      expect(upstreamCalls()).toBe(2);
      const plain = await ask(url, { model: "plain" });
      expect(plain.headers.get("x-switchboard-cache")).toBeNull();
      await plain.text();
      await (await ask(url, { model: "plain", headers: { "x-switchboard-cache": "on" } })).text();
      const optedIn = await ask(url, { model: "plain", headers: { "x-switchboard-cache": "on" } });
      expect(optedIn.headers.get("x-switchboard-cache")).toBe("hit");
    });
  });

  it("never caches an error, and never shares answers across keys", async () => {
    await withCacheServer(async (url, upstreamCalls, fail) => {
      fail(true);
      expect((await ask(url)).status).toBeGreaterThanOrEqual(500);
      fail(false);
      const after = await ask(url);
      expect(after.status).toBe(200);
      expect(after.headers.get("x-switchboard-cache")).toBe("miss");
      await after.text();
      const created = await fetch(`${url}/api/keys`, {
        method: "POST",
        headers: { authorization: `Bearer ${master}`, "content-type": "application/json" },
        body: JSON.stringify({ name: "other" }),
      });
      const key = ((await created.json()) as { key: string }).key;
      const otherKey = await ask(url, { key });
      expect(otherKey.headers.get("x-switchboard-cache")).toBe("miss");
      await otherKey.text();
      expect(upstreamCalls()).toBe(3);
    });
  });

  it("keeps a cache hit's answer in the stored row with store.bodies, as it keeps a fresh one", async () => {
    const folder = await mkdtemp(join(tmpdir(), "switchboard-cache-bodies-"));
    const usageStore = await openUsageStore({
      store: baseStoreOptions({ path: join(folder, "usage.sqlite"), bodies: true }),
      logger: createSilentLogger(),
    });
    const provider = fakeProvider({
      id: "anthropic",
      models: [{ id: "claude-sonnet-4-5", apis: ["anthropic-messages"] }],
      respond: (request) =>
        request.stream
          ? sseResponse(stream)
          : jsonResponse(anthropicMessage("cached", { input_tokens: 5, output_tokens: 2 })),
    });
    const server = await startServer({
      config: configFromObject({
        server: { api_key: master },
        models: { sonnet: "anthropic/claude-sonnet-4-5" },
        cache: { routes: ["sonnet"], ttl_s: 60 },
        store: { bodies: true },
      }),
      port: 0,
      host: "127.0.0.1",
      providers: [provider],
      usageStore,
      logger: createSilentLogger(),
    });
    try {
      for (const streamed of [false, true]) {
        const fresh = await ask(server.url, { stream: streamed });
        const freshText = await fresh.text();
        const hit = await ask(server.url, { stream: streamed });
        expect(hit.headers.get("x-switchboard-cache")).toBe("hit");
        expect(await hit.text()).toBe(freshText);
        await usageStore.flush();
        const stored = async (response: Response) =>
          (await usageStore.getRequest(response.headers.get("x-request-id") ?? ""))?.bodies;
        expect((await stored(hit))?.response).toBe(freshText);
        expect((await stored(fresh))?.response).toBe(freshText);
        expect((await stored(hit))?.request).toContain('"same question"');
      }
    } finally {
      await server.close();
      await usageStore.close();
      await rm(folder, { recursive: true, force: true });
    }
  });
});
