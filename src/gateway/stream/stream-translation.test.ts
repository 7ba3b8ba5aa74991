import fc from "fast-check";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { Readable } from "node:stream";
import { GatewayError } from "../../errors/gateway-error.js";
import { parseSse } from "../../lib/sse.js";
import type { WireApi } from "../../protocols/wire-api.js";
import { translators } from "../../translate/registry.js";
import { fixtureSse as messagesFixture } from "../../translate/anthropic-messages/testing/fixture-stream.js";
import { fixtureSse as chatFixture } from "../../translate/openai-chat/testing/stream-fixtures.js";
import { readChunksAsSse as responsesFixture } from "../../translate/openai-responses/testing/fixtures.js";
import { collect, fromArray } from "../../translate/testing/async-iterables.js";
import { ToolNameMap } from "../../translate/shared/lower-tools.js";
import type { StreamEncoder } from "../../translate/translator.js";
import { pipeChunks } from "./chunk-pipe.js";
import type { Outcome } from "./served.js";
import { serveTranslated } from "../attempt/serve-translated.js";
import { StreamTranslation } from "./stream-translation.js";
import { fakeProvider } from "../testing/fake-provider.js";

// Text with two-, three- and four-byte characters, so that splits fall inside them.
const multibyteChat = [
  { id: "chatcmpl-1", created: 1, model: "m", choices: [{ index: 0, delta: { role: "assistant", content: "" } }] },
  { id: "chatcmpl-1", created: 1, model: "m", choices: [{ index: 0, delta: { content: "héllo ✓ " } }] },
  { id: "chatcmpl-1", created: 1, model: "m", choices: [{ index: 0, delta: { content: "𝄞 ünï" } }] },
  { id: "chatcmpl-1", created: 1, model: "m", choices: [{ index: 0, delta: {}, finish_reason: "stop" }] },
]
  .map((chunk) => `data: ${JSON.stringify(chunk)}\n\n`)
  .concat("data: [DONE]\n\n")
  .join("");

const streams: Array<{ name: string; upstreamApi: WireApi; clientApi: WireApi; sse: string }> = [
  { name: "Messages ← Chat", upstreamApi: "openai-chat", clientApi: "anthropic-messages", sse: multibyteChat },
  {
    name: "Messages ← Chat, tool calls",
    upstreamApi: "openai-chat",
    clientApi: "anthropic-messages",
    sse: chatFixture("openai-chat-tool-calls.1.chunks.txt"),
  },
  {
    name: "Responses ← Messages, thinking",
    upstreamApi: "anthropic-messages",
    clientApi: "openai-responses",
    sse: messagesFixture("anthropic-thinking.1.chunks.txt"),
  },
  {
    name: "Chat ← Responses, reasoning and a function call",
    upstreamApi: "openai-responses",
    clientApi: "openai-chat",
    sse: responsesFixture("openai-reasoning-text-function-call.1.chunks.txt"),
  },
  {
    name: "Messages ← Responses, cut short",
    upstreamApi: "openai-responses",
    clientApi: "anthropic-messages",
    sse: responsesFixture("openai-reasoning-text-function-call.1.chunks.txt").slice(0, 1500),
  },
];

function translate(stream: (typeof streams)[number], pieces: Uint8Array[]): string {
  const options = { model: "client-model", includeUsage: true };
  const translation = new StreamTranslation(
    { upstreamApi: stream.upstreamApi, clientApi: stream.clientApi, names: new ToolNameMap(), encodeOptions: options },
    {},
  );
  let text = "";
  for (const piece of pieces) {
    if (translation.done) break;
    translation.push(piece);
    text += translation.take();
  }
  if (!translation.done) translation.end();
  return text + translation.take();
}

/** The same translation through the async wrappers (decodeStream → encodeStream). */
async function translateAsync(stream: (typeof streams)[number]): Promise<string> {
  const parts = translators[stream.upstreamApi].decodeStream(parseSse(fromArray([stream.sse])));
  const options = { model: "client-model", includeUsage: true };
  return (await collect(translators[stream.clientApi].encodeStream(parts, options))).join("");
}

describe("StreamTranslation: one synchronous pass per upstream read", () => {
  // Encoders stamp the time when the upstream names none.
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(new Date("2026-01-01T00:00:00Z"));
  });
  afterEach(() => vi.useRealTimers());

  describe.each(streams)("$name", (stream) => {
    const bytes = new TextEncoder().encode(stream.sse);

    it("writes what the async decodeStream → encodeStream writes", async () => {
      expect(translate(stream, [bytes])).toBe(await translateAsync(stream));
    });

    it("writes the same text however the upstream's bytes are split, down to one byte a read", () => {
      const whole = translate(stream, [bytes]);
      expect(
        translate(
          stream,
          [...bytes].map((byte) => Uint8Array.of(byte)),
        ),
      ).toBe(whole);
      fc.assert(
        fc.property(fc.uniqueArray(fc.integer({ min: 1, max: bytes.length - 1 }), { maxLength: 30 }), (cuts) => {
          const offsets = [0, ...cuts.sort((a, b) => a - b), bytes.length];
          const pieces = offsets.slice(1).map((end, index) => bytes.subarray(offsets[index], end));
          expect(translate(stream, pieces)).toBe(whole);
        }),
        { numRuns: 50 },
      );
    });
  });
});

const chatEvents = [
  { id: "chatcmpl-1", created: 1, model: "m", choices: [{ index: 0, delta: { role: "assistant", content: "" } }] },
  { id: "chatcmpl-1", created: 1, model: "m", choices: [{ index: 0, delta: { content: "Hello" } }] },
  { id: "chatcmpl-1", created: 1, model: "m", choices: [{ index: 0, delta: { content: " there" } }] },
  { id: "chatcmpl-1", created: 1, model: "m", choices: [{ index: 0, delta: {}, finish_reason: "stop" }] },
  { id: "chatcmpl-1", created: 1, model: "m", choices: [], usage: { prompt_tokens: 5, completion_tokens: 2 } },
].map((chunk) => `data: ${JSON.stringify(chunk)}\n\n`);
const done = "data: [DONE]\n\n";

/** A Chat upstream whose body the test feeds read by read, served to a Messages client. */
async function serveFromChat(signal = new AbortController().signal) {
  const body = new Readable({ objectMode: true, read: () => undefined });
  const provider = fakeProvider({
    id: "chat",
    models: [{ id: "m", apis: ["openai-chat"] }],
    respond: () => ({ status: 200, headers: {}, body }),
  });
  const decoded = translators["anthropic-messages"].decodeRequest({
    model: "m",
    max_tokens: 100,
    stream: true,
    messages: [{ role: "user", content: "hi" }],
  });
  const served = await serveTranslated({
    target: { provider, model: { id: "m", apis: ["openai-chat"] } },
    clientApi: "anthropic-messages",
    upstreamApi: "openai-chat",
    decoded,
    requestedModel: "claude-model",
    context: {
      requestId: "r",
      clientApi: "anthropic-messages",
      initiator: "user",
      hasImages: false,
      forwardHeaders: {},
    },
    signal,
  });
  if (served.body.kind !== "stream") throw new Error("expected a stream");
  const chunks = pipeChunks(served.body.pipe)[Symbol.asyncIterator]();
  const read = (...events: string[]) => body.push(Buffer.from(events.join("")));
  return { body, chunks, read, completion: served.completion };
}

const eventNames = (chunk: unknown): string[] =>
  [...String(chunk).matchAll(/^event: (.*)$/gm)].map((match) => match[1] ?? "");

describe("serveTranslated streams", () => {
  it("sends what each upstream read makes as one chunk, without waiting for the next read", async () => {
    const { chunks, read, body, completion } = await serveFromChat();
    read(chatEvents[0] ?? "", chatEvents[1] ?? "");
    const first = await chunks.next();
    expect(eventNames(first.value)).toEqual(["message_start", "content_block_start", "content_block_delta"]);
    read(chatEvents[2] ?? "");
    expect(eventNames((await chunks.next()).value)).toEqual(["content_block_delta"]);
    read(chatEvents[3] ?? "", chatEvents[4] ?? "", done);
    expect(eventNames((await chunks.next()).value)).toEqual(["content_block_stop", "message_delta", "message_stop"]);
    expect((await chunks.next()).done).toBe(true);
    // Complete: the body is let go to end on its own (its connection is reused), not cut.
    body.push(null);
    await new Promise((resolve) => body.once("end", resolve));
    expect(body.errored).toBeNull();
    expect(await completion).toEqual({
      usage: { inputTokens: 5, outputTokens: 2 },
      finishReason: { unified: "stop", raw: "stop" },
    });
  });

  it("stops reading once the upstream's stream is complete, though its body stays open", async () => {
    const { chunks, read, body, completion } = await serveFromChat();
    read(...chatEvents, done, chatEvents[1] ?? "");
    expect(eventNames((await chunks.next()).value).at(-1)).toBe("message_stop");
    expect((await chunks.next()).done).toBe(true);
    // The rest is drained, not translated, and cut if it does not end soon (release-body.test.ts).
    await new Promise((resolve) => setImmediate(resolve));
    expect(body.readableFlowing).toBe(true);
    expect((await completion).finishReason?.unified).toBe("stop");
  });

  it("sends what a read made before a failure, then the failure as the client's error event", async () => {
    const createStreamEncoder = translators["anthropic-messages"].createStreamEncoder;
    const spy = vi.spyOn(translators["anthropic-messages"], "createStreamEncoder").mockImplementation((options) => {
      const encoder = createStreamEncoder(options);
      let parts = 0;
      const failing: StreamEncoder = {
        push: (part) => {
          if (++parts === 4) throw new Error("encoder bug");
          return encoder.push(part);
        },
        end: () => encoder.end(),
        get done() {
          return encoder.done;
        },
      };
      return failing;
    });
    try {
      const { chunks, read, body, completion } = await serveFromChat();
      read(...chatEvents);
      expect(eventNames((await chunks.next()).value)).toEqual([
        "message_start",
        "content_block_start",
        "content_block_delta",
      ]);
      expect(eventNames((await chunks.next()).value)).toEqual(["error"]);
      expect((await chunks.next()).done).toBe(true);
      expect(body.destroyed).toBe(true);
      expect((await completion).error?.code).toBe("internal");
    } finally {
      spy.mockRestore();
    }
  });

  it("ends with the client's error event when the upstream read fails", async () => {
    const { chunks, read, body, completion } = await serveFromChat();
    read(chatEvents[0] ?? "");
    await chunks.next();
    body.destroy(new GatewayError("upstream_timeout", "Timed out waiting for the next chunk."));
    const last = await chunks.next();
    expect(eventNames(last.value)).toEqual(["error"]);
    expect(String(last.value)).toContain("Timed out waiting for the next chunk.");
    expect((await chunks.next()).done).toBe(true);
    expect((await completion).error?.code).toBe("upstream_timeout");
  });

  it("writes nothing more and records client_closed when the client has gone", async () => {
    const controller = new AbortController();
    const { chunks, read, body, completion } = await serveFromChat(controller.signal);
    read(chatEvents[0] ?? "");
    await chunks.next();
    controller.abort();
    body.destroy(new Error("aborted"));
    expect((await chunks.next()).done).toBe(true);
    const outcome: Outcome = await completion;
    expect(outcome.error?.code).toBe("client_closed");
  });
});
