import { once } from "node:events";
import { PassThrough } from "node:stream";
import { Worker } from "node:worker_threads";
import { request } from "undici";
import { describe, expect, it, vi } from "vitest";
import { configFromObject } from "../config/load-config.js";
import { GatewayError } from "../errors/gateway-error.js";
import { createSilentLogger } from "../lib/logger.js";
import { startServer } from "./node.js";
import { createMemoryUsageSink } from "../store/log-usage-sink.js";
import type { UsageRecord } from "../store/usage-record.js";
import { anthropicMessage, fakeProvider, jsonResponse, sseResponse } from "../gateway/testing/fake-provider.js";

// An Anthropic Messages stream in the documented event order, split at awkward byte offsets.
const anthropicStream = [
  'event: message_start\ndata: {"type":"message_start","message":{"id":"msg_1","type":"message","role":"assistant","model":"claude-sonnet-4-5","content":[],"stop_reason":null,"usage":{"input_tokens":12,"output_tokens":1}}}\n\n',
  'event: content_block_start\ndata: {"type":"content_block_start","index":0,"content_block":{"type":"text","text":""}}\n\nevent: content_block_delta\ndata: {"type":"content_block_del',
  'ta","index":0,"delta":{"type":"text_delta","text":"Hel"}}\n\n',
  'event: content_block_delta\ndata: {"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":"lo"}}\n\nevent: content_block_stop\ndata: {"type":"content_block_stop","index":0}\n\n',
  'event: message_delta\ndata: {"type":"message_delta","delta":{"stop_reason":"end_turn","stop_sequence":null},"usage":{"output_tokens":2}}\n\nevent: message_stop\ndata: {"type":"message_stop"}\n\n',
];

const claudeCodeHeaders = {
  "content-type": "application/json",
  "anthropic-version": "2023-06-01",
  "anthropic-beta": "claude-code-20250219,interleaved-thinking-2025-05-14",
};

function requestBody(model: string): string {
  return JSON.stringify({
    model,
    max_tokens: 64000,
    stream: true,
    metadata: { model: "not this one" },
    messages: [
      { role: "user", content: [{ type: "text", text: "fix the bug", cache_control: { type: "ephemeral" } }] },
      { role: "system", content: "mid-conversation note" },
    ],
  });
}

async function withServer<T>(
  providers: Parameters<typeof startServer>[0]["providers"],
  run: (url: string, usage: ReturnType<typeof createMemoryUsageSink>) => Promise<T>,
  file: Record<string, unknown> = {},
): Promise<T> {
  const usage = createMemoryUsageSink();
  const server = await startServer({
    config: configFromObject(file),
    port: 0,
    host: "127.0.0.1",
    providers,
    usageSink: usage,
    logger: createSilentLogger(),
  });
  try {
    return await run(server.url, usage);
  } finally {
    await server.close();
  }
}

describe("passthrough", () => {
  it("streams the upstream's bytes unchanged, forwards the original body with only model rewritten, and names what served it", async () => {
    const provider = fakeProvider({
      id: "anthropic",
      models: [{ id: "claude-sonnet-4-5", apis: ["anthropic-messages"] }],
      respond: () => sseResponse(anthropicStream),
    });
    await withServer(
      [provider],
      async (url, usage) => {
        const response = await fetch(`${url}/v1/messages?beta=true`, {
          method: "POST",
          headers: claudeCodeHeaders,
          body: requestBody("sonnet"),
        });
        expect(response.status).toBe(200);
        expect(response.headers.get("content-type")).toBe("text/event-stream");
        expect(response.headers.get("cache-control")).toBe("no-cache");
        expect(response.headers.get("x-switchboard-provider")).toBe("anthropic");
        expect(response.headers.get("x-switchboard-model")).toBe("claude-sonnet-4-5");
        expect(response.headers.get("x-switchboard-attempts")).toBe("1");
        expect(await response.text()).toBe(anthropicStream.join(""));

        const sent = provider.requests[0];
        expect(String(sent?.body)).toBe(requestBody("claude-sonnet-4-5"));
        expect(sent).toMatchObject({
          api: "anthropic-messages",
          model: "claude-sonnet-4-5",
          stream: true,
          query: "?beta=true",
        });
        expect(sent?.context).toMatchObject({
          clientApi: "anthropic-messages",
          initiator: "user",
          hasImages: false,
          forwardHeaders: {
            "anthropic-version": "2023-06-01",
            "anthropic-beta": "claude-code-20250219,interleaved-thinking-2025-05-14",
          },
        });
        await vi.waitFor(() => expect(usage.records).toHaveLength(1));
        expect(usage.records[0]).toMatchObject({
          passthrough: true,
          provider: "anthropic",
          upstreamModel: "claude-sonnet-4-5",
          requestedModel: "sonnet",
          status: 200,
          stream: true,
          initiator: "user",
        });
        expect(usage.records[0]?.errorCode).toBeUndefined();
        // The read-only tap decoded the copy: usage and finish reason reach the record.
        expect(usage.records[0]?.usage?.outputTokens).toBe(2);
        expect(usage.records[0]?.finishReason).toMatchObject({ unified: "stop", raw: "end_turn" });
      },
      { models: { sonnet: "anthropic/claude-sonnet-4-5" } },
    );
  });

  it("ends a stream the upstream cut short with an in-band error event, never silently", async () => {
    const cut = anthropicStream.slice(0, 3);
    const provider = fakeProvider({
      id: "anthropic",
      models: [{ id: "claude-sonnet-4-5", apis: ["anthropic-messages"] }],
      respond: () => sseResponse(cut),
    });
    await withServer([provider], async (url, usage) => {
      const response = await fetch(`${url}/v1/messages`, {
        method: "POST",
        headers: claudeCodeHeaders,
        body: requestBody("claude-sonnet-4-5"),
      });
      const text = await response.text();
      expect(text.startsWith(cut.join(""))).toBe(true);
      expect(text.slice(cut.join("").length)).toMatch(/^event: error\ndata: .*ended the stream/);
      await vi.waitFor(() => expect(usage.records[0]?.errorCode).toBe("upstream_error"));
    });
  });

  it("writes an upstream failure after the first byte in-band, then ends", async () => {
    const provider = fakeProvider({
      id: "anthropic",
      models: [{ id: "claude-sonnet-4-5", apis: ["anthropic-messages"] }],
      respond: () => {
        const body = new PassThrough();
        body.write(anthropicStream[0]);
        setImmediate(() => body.destroy(new GatewayError("upstream_timeout", "The upstream went quiet.")));
        return { status: 200, headers: { "content-type": "text/event-stream" }, body };
      },
    });
    await withServer([provider], async (url) => {
      const response = await fetch(`${url}/v1/messages`, {
        method: "POST",
        headers: claudeCodeHeaders,
        body: requestBody("claude-sonnet-4-5"),
      });
      const text = await response.text();
      expect(text).toContain(anthropicStream[0]);
      expect(text).toMatch(/event: error\ndata: .*went quiet/);
    });
  });

  it("holds the upstream back while the client does not read, then delivers every byte", async () => {
    // ~30 MB: more than the loopback socket buffers on both sides can hold, so that only the
    // gateway pausing its upstream read can hold the producer back.
    const deltas = 12_000;
    const piece = "x".repeat(2_500);
    const delta = (index: number) =>
      `event: content_block_delta\ndata: {"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":"${index} ${piece}"}}\n\n`;
    const upstreamBody = new PassThrough();
    let written = 0;
    let blocked = false;
    const produce = async () => {
      const [messageStart = "", blockStart = ""] = anthropicStream;
      upstreamBody.write(messageStart + blockStart.slice(0, blockStart.indexOf("event: content_block_delta")));
      for (let index = 0; index < deltas; index++) {
        written = index + 1;
        if (!upstreamBody.write(delta(index))) {
          blocked = true;
          await once(upstreamBody, "drain");
          blocked = false;
        }
      }
      upstreamBody.end(anthropicStream[4]);
    };
    const provider = fakeProvider({
      id: "anthropic",
      models: [{ id: "claude-sonnet-4-5", apis: ["anthropic-messages"] }],
      respond: () => {
        void produce();
        return { status: 200, headers: { "content-type": "text/event-stream" }, body: upstreamBody };
      },
    });
    await withServer([provider], async (url, usage) => {
      const response = await request(`${url}/v1/messages`, {
        method: "POST",
        headers: claudeCodeHeaders,
        body: requestBody("claude-sonnet-4-5"),
      });
      const chunks: Buffer[] = [];
      response.body.on("data", (chunk: Buffer) => chunks.push(chunk));
      response.body.pause();
      // The producer ends up waiting, and stays so: nothing more is taken from the upstream
      // while the client reads nothing.
      let heldAt = -1;
      await vi.waitFor(
        async () => {
          heldAt = written;
          await new Promise((resolve) => setTimeout(resolve, 200));
          expect(blocked && written === heldAt).toBe(true);
        },
        { timeout: 10_000 },
      );
      expect(heldAt).toBeLessThan(deltas);
      response.body.resume();
      await once(response.body, "end");
      const text = Buffer.concat(chunks).toString("utf8");
      const expected = [0, 1, deltas - 1].map(delta);
      for (const event of expected) expect(text).toContain(event);
      expect(text.split("event: content_block_delta\n").length - 1).toBe(deltas);
      expect(text.endsWith(anthropicStream[4]!)).toBe(true);
      await vi.waitFor(() => expect(usage.records[0]?.usage?.outputTokens).toBe(2));
    });
  }, 20_000);

  it("aborts the upstream request as soon as the client disconnects", async () => {
    const upstreamBody = new PassThrough();
    let upstreamSignal: AbortSignal | undefined;
    const provider = fakeProvider({
      id: "anthropic",
      models: [{ id: "claude-sonnet-4-5", apis: ["anthropic-messages"] }],
      respond: (request) => {
        upstreamSignal = request.signal;
        // Like a real client, the upstream body fails when its request is aborted.
        request.signal.addEventListener("abort", () => upstreamBody.destroy(new Error("aborted")));
        upstreamBody.write(anthropicStream[0]);
        return { status: 200, headers: { "content-type": "text/event-stream" }, body: upstreamBody };
      },
    });
    await withServer([provider], async (url, usage) => {
      const client = new AbortController();
      const response = await fetch(`${url}/v1/messages`, {
        method: "POST",
        headers: claudeCodeHeaders,
        body: requestBody("claude-sonnet-4-5"),
        signal: client.signal,
      });
      const reader = response.body?.getReader();
      await reader?.read();
      expect(upstreamSignal?.aborted).toBe(false);
      client.abort();
      if (upstreamSignal !== undefined && !upstreamSignal.aborted) await once(upstreamSignal, "abort");
      expect(upstreamSignal?.aborted).toBe(true);
      await vi.waitFor(() => expect(usage.records[0]?.errorCode).toBe("client_closed"));
    });
  });

  it("falls back to the next target on a retryable failure and says how many were tried", async () => {
    const busy = fakeProvider({
      id: "busy",
      models: [{ id: "claude-sonnet-4-5", apis: ["anthropic-messages"] }],
      respond: () => {
        throw new GatewayError("upstream_overloaded", "Overloaded", { upstream: { provider: "busy", status: 529 } });
      },
    });
    const spare = fakeProvider({
      id: "spare",
      models: [{ id: "claude-sonnet-4-5", apis: ["anthropic-messages"] }],
      respond: () => sseResponse(anthropicStream),
    });
    await withServer(
      [busy, spare],
      async (url, usage) => {
        const response = await fetch(`${url}/v1/messages`, {
          method: "POST",
          headers: claudeCodeHeaders,
          body: requestBody("sonnet"),
        });
        expect(response.headers.get("x-switchboard-provider")).toBe("spare");
        expect(response.headers.get("x-switchboard-attempts")).toBe("2");
        await response.text();
        await vi.waitFor(() => expect(usage.records).toHaveLength(1));
        expect(usage.records[0]?.attempts).toEqual([
          { provider: "busy", model: "claude-sonnet-4-5", outcome: "upstream_overloaded", status: 529 },
          { provider: "spare", model: "claude-sonnet-4-5", outcome: "served" },
        ]);
      },
      { models: { sonnet: ["busy/claude-sonnet-4-5", "spare/claude-sonnet-4-5"] } },
    );
  });

  it("after a failed fallback chain tells clients not to retry", async () => {
    const failing = (id: string) =>
      fakeProvider({
        id,
        models: [{ id: "m", apis: ["openai-chat"] }],
        respond: () => {
          throw new GatewayError("rate_limited", "Too many requests", {
            upstream: { provider: id, status: 429, retryAfter: 3 },
          });
        },
      });
    await withServer(
      [failing("a"), failing("b")],
      async (url) => {
        const response = await fetch(`${url}/v1/chat/completions`, {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify({ model: "both", messages: [{ role: "user", content: "hi" }] }),
        });
        expect(response.status).toBe(429);
        expect(response.headers.get("x-should-retry")).toBe("false");
        expect(response.headers.get("retry-after")).toBe("3");
        expect(response.headers.get("x-switchboard-attempts")).toBe("2");
      },
      { models: { both: ["a/m", "b/m"] } },
    );
  });
});

/**
 * A client in a worker thread, so that its clock and its reads go on while the gateway's own
 * thread is busy: how long the whole answer took to reach it, in milliseconds.
 */
async function timedRequestFromWorker(
  url: string,
  body: string,
): Promise<{ doneAt: number; status: number; text: string }> {
  const worker = new Worker(
    `const { parentPort, workerData } = require("node:worker_threads");
    fetch(workerData.url, { method: "POST", headers: workerData.headers, body: workerData.body })
      .then(async (response) => {
        const text = await response.text();
        parentPort.postMessage({ doneAt: Date.now(), status: response.status, text });
      });`,
    { eval: true, workerData: { url, headers: claudeCodeHeaders, body } },
  );
  const [answer] = (await once(worker, "message")) as [{ doneAt: number; status: number; text: string }];
  await worker.terminate();
  return answer;
}

describe("the usage record waits for the answer", () => {
  // A usage sink that holds the thread (a slow synchronous database write, say) must not hold the answer.
  const holdMs = 1500;
  const message = anthropicMessage("Hello", { input_tokens: 12, output_tokens: 2 });

  for (const stream of [false, true]) {
    it(`sends a ${stream ? "streamed" : "whole"} answer before a slow usage sink records it`, async () => {
      const records: UsageRecord[] = [];
      let sinkDoneAt = 0;
      const provider = fakeProvider({
        id: "anthropic",
        models: [{ id: "claude-sonnet-4-5", apis: ["anthropic-messages"] }],
        respond: () => {
          if (!stream) return jsonResponse(message);
          // The whole stream and its end in one read, as a fast upstream's last bytes come.
          const body = new PassThrough();
          for (const chunk of anthropicStream) body.write(chunk);
          body.end();
          return { status: 200, headers: { "content-type": "text/event-stream" }, body };
        },
      });
      const server = await startServer({
        config: configFromObject({}),
        port: 0,
        host: "127.0.0.1",
        providers: [provider],
        usageSink: {
          record(entry) {
            records.push(entry);
            const until = Date.now() + holdMs;
            while (Date.now() < until) {
              // Holding the thread, as a slow synchronous write would.
            }
            sinkDoneAt = Date.now();
          },
        },
        logger: createSilentLogger(),
      });
      try {
        const body = JSON.parse(requestBody("claude-sonnet-4-5")) as Record<string, unknown>;
        const answer = await timedRequestFromWorker(`${server.url}/v1/messages`, JSON.stringify({ ...body, stream }));
        expect(answer.status).toBe(200);
        expect(answer.text).toBe(stream ? anthropicStream.join("") : JSON.stringify(message));
        // The client (its own thread) had the whole answer while the sink still held the gateway's
        // thread. Compared as moments, not as a duration: a loaded machine slows the worker's own
        // start-up, which is not what this checks.
        expect(answer.doneAt).toBeLessThan(sinkDoneAt);
        // And the record, made after, still has what the answer said.
        expect(records).toHaveLength(1);
        expect(records[0]).toMatchObject({
          usage: { inputTokens: 12, outputTokens: 2 },
          finishReason: { unified: "stop" },
        });
      } finally {
        await server.close();
      }
    });
  }
});
