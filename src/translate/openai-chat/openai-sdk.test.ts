import { createServer, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import OpenAI from "openai";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseSse } from "../../lib/sse.js";
import { decodeRequest } from "./decode-request.js";
import { decodeStream } from "./decode-stream.js";
import { encodeResponse } from "./encode-response.js";
import { encodeStream } from "./encode-stream.js";
import { assembleResponse, chunksOf, fixtureSse } from "./testing/stream-fixtures.js";

/**
 * The official `openai` SDK must accept what we encode. A loopback server answers every request
 * with a fixture's parts re-encoded by this translator, honouring the client's include_usage.
 */
let server: Server;
let client: OpenAI;
let fixture = "openai-chat-tool-calls.1.chunks.txt";

beforeAll(async () => {
  server = createServer((incoming, outgoing) => {
    let text = "";
    incoming.on("data", (chunk: Buffer) => (text += chunk.toString("utf8")));
    incoming.on("end", () => void answer(JSON.parse(text) as Record<string, unknown>, outgoing));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  client = new OpenAI({ apiKey: "test", baseURL: `http://127.0.0.1:${port}/v1`, maxRetries: 0 });
});

afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
});

async function answer(body: Record<string, unknown>, outgoing: ServerResponse): Promise<void> {
  const { request } = decodeRequest(body);
  const parts = decodeStream(parseSse(chunksOf(fixtureSse(fixture))));
  if (request.stream) {
    outgoing.writeHead(200, { "content-type": "text/event-stream" });
    for await (const event of encodeStream(parts, {
      model: request.model,
      includeUsage: request.includeUsage === true,
    }))
      outgoing.write(event);
    outgoing.end();
    return;
  }
  outgoing.writeHead(200, { "content-type": "application/json" });
  outgoing.end(JSON.stringify(encodeResponse(await assembleResponse(parts), { model: request.model })));
}

const params = { model: "client-model", messages: [{ role: "user" as const, content: "Weather in Paris and Tokyo?" }] };

describe("the openai SDK reads our encoding", () => {
  it("streams tool calls and the usage chunk through create({ stream: true })", async () => {
    fixture = "openai-chat-tool-calls.1.chunks.txt";
    const stream = await client.chat.completions.create({
      ...params,
      stream: true,
      stream_options: { include_usage: true },
    });
    const names: string[] = [];
    let usage: OpenAI.CompletionUsage | undefined;
    let finish: string | null | undefined;
    for await (const chunk of stream) {
      for (const call of chunk.choices[0]?.delta.tool_calls ?? [])
        if (call.function?.name) names.push(call.function.name);
      finish = chunk.choices[0]?.finish_reason ?? finish;
      if (chunk.usage) usage = chunk.usage;
    }
    expect(names).toEqual(["get_weather", "get_weather"]);
    expect(finish).toBe("tool_calls");
    expect(usage).toMatchObject({
      prompt_tokens: 112,
      completion_tokens: 48,
      prompt_tokens_details: { cached_tokens: 64 },
    });
  });

  it("assembles the final completion with .stream().finalChatCompletion()", async () => {
    fixture = "openai-chat-tool-calls.1.chunks.txt";
    const completion = await client.chat.completions
      .stream({ ...params, stream_options: { include_usage: true } })
      .finalChatCompletion();
    const message = completion.choices[0]?.message;
    expect(message?.content).toBe("Checking both cities.");
    expect(message?.tool_calls).toEqual([
      { id: "call_paris01", type: "function", function: { name: "get_weather", arguments: '{"city":"Paris"}' } },
      { id: "call_tokyo02", type: "function", function: { name: "get_weather", arguments: '{"city":"Tōkyō"}' } },
    ]);
    expect(completion.choices[0]?.finish_reason).toBe("tool_calls");
    expect(completion.usage?.total_tokens).toBe(160);
  });

  it("reads a non-streaming completion with tool calls and usage", async () => {
    fixture = "openai-chat-tool-calls.1.chunks.txt";
    const completion = await client.chat.completions.create(params);
    expect(completion.model).toBe("client-model");
    expect(completion.choices[0]?.message.tool_calls).toHaveLength(2);
    expect(completion.usage).toMatchObject({ prompt_tokens: 112, completion_tokens: 48, total_tokens: 160 });
  });

  it("raises the SDK's APIError on a mid-stream error event", async () => {
    fixture = "openai-chat-error.1.chunks.txt";
    const stream = await client.chat.completions.create({ ...params, stream: true });
    await expect(async () => {
      for await (const _chunk of stream) {
        // Reading until the error event.
      }
    }).rejects.toThrow(/server had an error/);
  });
});
