import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseSse } from "../../src/lib/sse.js";
import { startFakeUpstream } from "./start-fake-upstream.js";
import type { FakeReply, FakeUpstream } from "./types.js";

const reply: FakeReply = {
  text: "Checking the weather now.",
  toolCalls: [{ name: "get_weather", arguments: { city: "Paris", unit: "celsius", days: 3 } }],
};

let fake: FakeUpstream;
beforeAll(async () => {
  fake = await startFakeUpstream({ script: () => reply });
});
afterAll(() => fake.close());

async function events(path: string, body: unknown, headers: Record<string, string>) {
  const response = await fetch(`${fake.url}${path}`, {
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    body: JSON.stringify(body),
  });
  expect(response.headers.get("content-type")).toBe("text/event-stream");
  const parsed = [];
  for await (const event of parseSse(response.body as unknown as AsyncIterable<Uint8Array>)) parsed.push(event);
  return parsed;
}

const openAiHeaders = { authorization: "Bearer test-key" };
const anthropicHeaders = { "x-api-key": "test-key", "anthropic-version": "2023-06-01" };
const messages = [{ role: "user", content: "Weather?" }];

describe("fake upstream stream framing", () => {
  it("Chat: data-only chunks, text and arguments in several deltas, usage chunk, then [DONE]", async () => {
    const stream = await events(
      "/v1/chat/completions",
      { model: "m", messages, stream: true, stream_options: { include_usage: true } },
      openAiHeaders,
    );
    expect(stream.every((event) => event.event === undefined)).toBe(true);
    expect(stream.at(-1)?.data).toBe("[DONE]");
    const chunks = stream.slice(0, -1).map((event) => JSON.parse(event.data));
    const argumentDeltas = chunks.filter((chunk) => chunk.choices[0]?.delta?.tool_calls?.[0]?.function?.arguments);
    expect(argumentDeltas.length).toBeGreaterThan(1);
    expect(chunks.filter((chunk) => chunk.choices[0]?.delta?.content).length).toBeGreaterThan(1);
    expect(chunks.at(-1)).toMatchObject({ choices: [], usage: { prompt_tokens: 12, completion_tokens: 7 } });
  });

  it("Chat without include_usage sends no usage chunk", async () => {
    const stream = await events("/v1/chat/completions", { model: "m", messages, stream: true }, openAiHeaders);
    const chunks = stream.slice(0, -1).map((event) => JSON.parse(event.data));
    expect(chunks.some((chunk) => "usage" in chunk)).toBe(false);
  });

  it("Responses: named events with consecutive sequence numbers, ending in response.completed", async () => {
    const stream = await events("/v1/responses", { model: "m", input: "Weather?", stream: true }, openAiHeaders);
    const parsed = stream.map((event) => ({ name: event.event, body: JSON.parse(event.data) }));
    expect(parsed.every(({ name, body }) => name === body.type)).toBe(true);
    expect(parsed.map(({ body }) => body.sequence_number)).toEqual(parsed.map((_event, index) => index));
    expect(parsed[0]?.name).toBe("response.created");
    expect(parsed.at(-1)?.name).toBe("response.completed");
    expect(parsed.filter(({ name }) => name === "response.function_call_arguments.delta").length).toBeGreaterThan(1);
  });

  it("Messages: event and data lines, a ping, input_json_delta in several pieces, message_stop last", async () => {
    const stream = await events(
      "/v1/messages",
      { model: "m", max_tokens: 10, messages, stream: true },
      anthropicHeaders,
    );
    const names = stream.map((event) => event.event);
    expect(names.slice(0, 2)).toEqual(["message_start", "ping"]);
    expect(names.at(-2)).toBe("message_delta");
    expect(names.at(-1)).toBe("message_stop");
    const jsonDeltas = stream.filter((event) => event.data.includes('"input_json_delta"'));
    expect(jsonDeltas.length).toBeGreaterThan(1);
    const joined = jsonDeltas.map((event) => JSON.parse(event.data).delta.partial_json).join("");
    expect(JSON.parse(joined)).toEqual({ city: "Paris", unit: "celsius", days: 3 });
  });
});
