import Anthropic from "@anthropic-ai/sdk";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GatewayError } from "../../errors/gateway-error.js";
import type { Response } from "../../ir/response.js";
import type { StreamPart } from "../../ir/stream-part.js";
import { encodeResponse } from "./encode-response.js";
import { encodeStream } from "./encode-stream.js";
import { fromChunks } from "./testing/fixture-stream.js";

/** What the fake upstream answers next: IR parts to stream, or an IR response to send whole. */
let next: StreamPart[] | Response = [];
let server: Server;
let client: Anthropic;

beforeAll(async () => {
  server = createServer((request, response) => {
    request.resume();
    request.on("end", async () => {
      if (!Array.isArray(next)) {
        response.writeHead(200, { "content-type": "application/json" });
        response.end(JSON.stringify(encodeResponse(next, { model: "claude-opus-4-8" })));
        return;
      }
      response.writeHead(200, { "content-type": "text/event-stream" });
      for await (const frame of encodeStream(fromChunks(next), { model: "claude-opus-4-8" })) response.write(frame);
      response.end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  client = new Anthropic({ apiKey: "test-key", baseURL: `http://127.0.0.1:${port}`, maxRetries: 0 });
});

afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

const params = {
  model: "claude-opus-4-8",
  max_tokens: 1024,
  messages: [{ role: "user" as const, content: "weather in Paris?" }],
};
const usage = { inputTokens: 120, outputTokens: 30, cacheReadTokens: 100 };

describe("@anthropic-ai/sdk reads what encodeStream writes", () => {
  it("assembles thinking, text and a tool call from a translated stream", async () => {
    next = [
      { type: "response-start", id: "resp_1", model: "gpt-5", usage: { inputTokens: 120, cacheReadTokens: 100 } },
      { type: "reasoning-start", id: "r" },
      { type: "reasoning-delta", id: "r", delta: "Need the weather tool." },
      { type: "reasoning-end", id: "r", signature: "sig_abc" },
      { type: "text-start", id: "t" },
      { type: "text-delta", id: "t", delta: "Let me " },
      { type: "text-delta", id: "t", delta: "check." },
      { type: "text-end", id: "t" },
      { type: "tool-input-start", id: "c", callId: "call_1", name: "get_weather", kind: "function" },
      { type: "tool-input-delta", id: "c", delta: '{"city":' },
      { type: "tool-input-delta", id: "c", delta: '"Paris"}' },
      { type: "tool-input-end", id: "c" },
      { type: "finish", reason: { unified: "tool-calls", raw: "tool_calls" }, usage },
    ];
    const message = await client.messages.stream(params).finalMessage();
    expect(message.content).toEqual([
      { type: "thinking", thinking: "Need the weather tool.", signature: "sig_abc" },
      { type: "text", text: "Let me check.", citations: null },
      { type: "tool_use", id: "call_1", name: "get_weather", input: { city: "Paris" } },
    ]);
    expect(message.stop_reason).toBe("tool_use");
    expect(message.usage).toMatchObject({ input_tokens: 20, cache_read_input_tokens: 100, output_tokens: 30 });
  });

  it("raises the error event as an API error", async () => {
    next = [
      { type: "response-start", id: "msg_1", model: "m" },
      { type: "error", error: new GatewayError("upstream_overloaded", "Overloaded upstream") },
    ];
    await expect(client.messages.stream(params).finalMessage()).rejects.toThrow(/Overloaded upstream/);
  });

  it("reads a non-streaming answer", async () => {
    next = {
      id: "msg_2",
      model: "gpt-5",
      content: [{ type: "text", text: "Sunny." }],
      finishReason: { unified: "stop", raw: "stop" },
      usage: { inputTokens: 5, outputTokens: 2 },
    };
    const message = await client.messages.create(params);
    expect(message.content).toEqual([{ type: "text", text: "Sunny.", citations: null }]);
    expect(message.stop_reason).toBe("end_turn");
  });
});
