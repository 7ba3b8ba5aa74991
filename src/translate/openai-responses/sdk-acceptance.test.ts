import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import OpenAI from "openai";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GatewayError } from "../../errors/gateway-error.js";
import type { StreamPart } from "../../ir/stream-part.js";
import { encodeStream } from "./encode-stream.js";
import { collect, fromArray } from "./testing/fixtures.js";

// The real `openai` SDK reads what encodeStream writes, through a loopback server on port 0.
let answer: StreamPart[] = [];
let server: Server;
let client: OpenAI;

beforeAll(async () => {
  server = createServer((request, response) => {
    request.resume();
    request.on("end", () => {
      void collect(encodeStream(fromArray(answer), { model: "gpt-5.5" })).then((frames) => {
        response.writeHead(200, { "content-type": "text/event-stream" });
        response.end(frames.join(""));
      });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  client = new OpenAI({ apiKey: "test-key", baseURL: `http://127.0.0.1:${port}/v1`, maxRetries: 0 });
});

afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

const start: StreamPart = { type: "response-start", id: "resp_sdk", model: "upstream", created: 1764000000 };

describe("the openai SDK accepts the encoded stream", () => {
  it("assembles text, a function call, a namespaced custom call, reasoning and usage", async () => {
    answer = [
      start,
      { type: "reasoning-start", id: "r", itemId: "rs_1" },
      { type: "reasoning-delta", id: "r", delta: "Plan." },
      { type: "reasoning-end", id: "r", itemId: "rs_1", encryptedContent: "enc" },
      { type: "text-start", id: "t" },
      { type: "text-delta", id: "t", delta: "Running " },
      { type: "text-delta", id: "t", delta: "it." },
      { type: "text-end", id: "t" },
      { type: "tool-input-start", id: "f", callId: "call_1", name: "exec_command", kind: "function" },
      { type: "tool-input-delta", id: "f", delta: '{"cmd":' },
      { type: "tool-input-delta", id: "f", delta: '"ls"}' },
      { type: "tool-input-end", id: "f" },
      { type: "tool-input-start", id: "c", callId: "call_2", name: "exec", kind: "custom", namespace: "functions" },
      { type: "tool-input-delta", id: "c", delta: "await tools.exec_command({cmd: 'ls'});" },
      { type: "tool-input-end", id: "c" },
      {
        type: "finish",
        reason: { unified: "tool-calls" },
        usage: { inputTokens: 1000, outputTokens: 50, cacheReadTokens: 900, reasoningTokens: 10 },
      },
    ];
    const stream = client.responses.stream({ model: "gpt-5.5", input: "list files" });
    const seen: string[] = [];
    stream.on("event", (event) => seen.push(event.type));
    const final = await stream.finalResponse();
    expect(final.status).toBe("completed");
    expect(final.output_text).toBe("Running it.");
    expect(final.output).toEqual([
      { id: "rs_1", type: "reasoning", summary: [{ type: "summary_text", text: "Plan." }], encrypted_content: "enc" },
      expect.objectContaining({
        type: "message",
        content: [expect.objectContaining({ type: "output_text", text: "Running it." })],
      }),
      expect.objectContaining({
        type: "function_call",
        call_id: "call_1",
        name: "exec_command",
        arguments: '{"cmd":"ls"}',
      }),
      expect.objectContaining({
        type: "custom_tool_call",
        call_id: "call_2",
        name: "exec",
        namespace: "functions",
        input: "await tools.exec_command({cmd: 'ls'});",
      }),
    ]);
    expect(final.usage).toMatchObject({
      input_tokens: 1000,
      output_tokens: 50,
      input_tokens_details: { cached_tokens: 900 },
      output_tokens_details: { reasoning_tokens: 10 },
    });
    expect(seen).toContain("response.custom_tool_call_input.delta");
    expect(seen.at(-1)).toBe("response.completed");
  });

  it("reports an incomplete response", async () => {
    answer = [
      start,
      { type: "text-start", id: "t" },
      { type: "text-delta", id: "t", delta: "Cut" },
      { type: "finish", reason: { unified: "length" }, usage: { inputTokens: 1, outputTokens: 1 } },
    ];
    const final = await client.responses.stream({ model: "gpt-5.5", input: "x" }).finalResponse();
    expect(final.status).toBe("incomplete");
    expect(final.incomplete_details).toEqual({ reason: "max_output_tokens" });
    expect(final.output_text).toBe("Cut");
  });

  it("rejects finalResponse() with the gateway's message when the stream fails", async () => {
    answer = [
      start,
      { type: "text-start", id: "t" },
      { type: "text-delta", id: "t", delta: "Part" },
      { type: "error", error: new GatewayError("rate_limited", "Upstream rate limit.") },
    ];
    const stream = client.responses.stream({ model: "gpt-5.5", input: "x" });
    // The SDK treats the `error` event as the stream's failure (its EventStream 'error' channel).
    await expect(stream.finalResponse()).rejects.toThrow("Upstream rate limit.");
  });
});
