import Anthropic from "@anthropic-ai/sdk";
import OpenAI from "openai";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startFakeUpstream } from "./start-fake-upstream.js";
import type { FakeReply, FakeUpstream } from "./types.js";

// The official SDKs parse the fake's answers: this keeps the fake's shapes honest.
const toolReply: FakeReply = {
  text: "Let me look that up for you.",
  reasoning: { text: "The user wants the weather.", signature: "sig-123" },
  toolCalls: [{ id: "call_1", name: "get_weather", arguments: { city: "Paris", unit: "celsius" } }],
  usage: { inputTokens: 100, outputTokens: 20, cacheReadTokens: 40, reasoningTokens: 5 },
};

let fake: FakeUpstream;
let reply: FakeReply = toolReply;
let openai: OpenAI;
let anthropic: Anthropic;

beforeAll(async () => {
  fake = await startFakeUpstream({ apiKey: "sk-fake", script: () => reply, models: ["m-1", "m-2", "m-3"] });
  openai = new OpenAI({ apiKey: "sk-fake", baseURL: `${fake.url}/v1`, maxRetries: 0 });
  anthropic = new Anthropic({ apiKey: "sk-fake", baseURL: fake.url, maxRetries: 0 });
});
afterAll(() => fake.close());

const weatherTool = {
  type: "function" as const,
  function: { name: "get_weather", parameters: { type: "object", properties: { city: { type: "string" } } } },
};

describe("fake upstream, read by the official openai SDK", () => {
  it("Chat Completions, not streamed", async () => {
    reply = toolReply;
    const completion = await openai.chat.completions.create({
      model: "gpt-test",
      messages: [{ role: "user", content: "Weather in Paris?" }],
      tools: [weatherTool],
    });
    const choice = completion.choices[0];
    expect(choice?.message.content).toBe("Let me look that up for you.");
    expect(choice?.finish_reason).toBe("tool_calls");
    const call = choice?.message.tool_calls?.[0];
    expect(call?.type === "function" && JSON.parse(call.function.arguments)).toEqual({
      city: "Paris",
      unit: "celsius",
    });
    expect(completion.usage).toMatchObject({ prompt_tokens: 100, completion_tokens: 20 });
    expect(completion.usage?.prompt_tokens_details?.cached_tokens).toBe(40);
  });

  it("Chat Completions, streamed with a usage chunk", async () => {
    reply = toolReply;
    const stream = openai.chat.completions.stream({
      model: "gpt-test",
      messages: [{ role: "user", content: "Weather in Paris?" }],
      tools: [weatherTool],
      stream_options: { include_usage: true },
    });
    const deltas: string[] = [];
    stream.on("content.delta", ({ delta }) => deltas.push(delta));
    const completion = await stream.finalChatCompletion();
    expect(deltas.length).toBeGreaterThan(1);
    expect(completion.choices[0]?.message.content).toBe("Let me look that up for you.");
    const call = completion.choices[0]?.message.tool_calls?.[0];
    expect(call?.type === "function" && call.function.arguments).toBe('{"city":"Paris","unit":"celsius"}');
    expect(completion.usage?.total_tokens).toBe(120);
  });

  it("Responses, not streamed", async () => {
    reply = toolReply;
    const response = await openai.responses.create({
      model: "gpt-test",
      input: "Weather in Paris?",
      include: ["reasoning.encrypted_content"],
    });
    expect(response.output_text).toBe("Let me look that up for you.");
    const call = response.output.find((item) => item.type === "function_call");
    expect(call?.type === "function_call" && JSON.parse(call.arguments)).toEqual({ city: "Paris", unit: "celsius" });
    const reasoning = response.output.find((item) => item.type === "reasoning");
    expect(reasoning?.type === "reasoning" && reasoning.encrypted_content).toBe("sig-123");
    expect(response.usage).toMatchObject({ input_tokens: 100, output_tokens: 20 });
  });

  it("Responses, streamed with sequence numbers", async () => {
    reply = {
      ...toolReply,
      toolCalls: [
        ...(toolReply.toolCalls ?? []),
        { name: "apply_patch", arguments: "*** Begin Patch", kind: "custom" },
      ],
    };
    const stream = openai.responses.stream({ model: "gpt-test", input: "Weather in Paris?" });
    const sequenceNumbers: number[] = [];
    stream.on("event", (event) => sequenceNumbers.push(event.sequence_number));
    const response = await stream.finalResponse();
    expect(sequenceNumbers).toEqual(sequenceNumbers.map((_value, index) => index));
    expect(response.output_text).toBe("Let me look that up for you.");
    const custom = response.output.find((item) => item.type === "custom_tool_call");
    expect(custom?.type === "custom_tool_call" && custom.input).toBe("*** Begin Patch");
    expect(response.status).toBe("completed");
    expect(response.usage?.output_tokens_details.reasoning_tokens).toBe(5);
  });

  it("lists models", async () => {
    const ids: string[] = [];
    for await (const model of openai.models.list()) ids.push(model.id);
    expect(ids).toEqual(["m-1", "m-2", "m-3"]);
  });

  it("rejects a wrong key with OpenAI's 401", async () => {
    const wrong = new OpenAI({ apiKey: "sk-wrong", baseURL: `${fake.url}/v1`, maxRetries: 0 });
    const failure = await wrong.chat.completions.create({ model: "m", messages: [] }).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(OpenAI.AuthenticationError);
    expect((failure as InstanceType<typeof OpenAI.AuthenticationError>).code).toBe("invalid_api_key");
  });

  it("passes a scripted 429 with its retry-after", async () => {
    reply = { error: { status: 429, headers: { "retry-after": "3" } } };
    const failure = await openai.chat.completions
      .create({ model: "m", messages: [{ role: "user", content: "hi" }] })
      .catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(OpenAI.RateLimitError);
    expect((failure as InstanceType<typeof OpenAI.RateLimitError>).headers.get("retry-after")).toBe("3");
  });
});

describe("fake upstream, read by the official @anthropic-ai/sdk", () => {
  const request = {
    model: "claude-test",
    max_tokens: 1024,
    messages: [{ role: "user" as const, content: "Weather in Paris?" }],
  };

  it("Messages, not streamed", async () => {
    reply = toolReply;
    const message = await anthropic.messages.create(request);
    expect(message.content.map((block) => block.type)).toEqual(["thinking", "text", "tool_use"]);
    const toolUse = message.content.find((block) => block.type === "tool_use");
    expect(toolUse?.type === "tool_use" && toolUse.input).toEqual({ city: "Paris", unit: "celsius" });
    expect(message.stop_reason).toBe("tool_use");
    expect(message.usage).toMatchObject({ input_tokens: 60, cache_read_input_tokens: 40, output_tokens: 20 });
  });

  it("Messages, streamed (beta)", async () => {
    reply = toolReply;
    const stream = anthropic.beta.messages.stream({ ...request, betas: ["interleaved-thinking-2025-05-14"] });
    const texts: string[] = [];
    stream.on("text", (text) => texts.push(text));
    const message = await stream.finalMessage();
    expect(texts.join("")).toBe("Let me look that up for you.");
    expect(texts.length).toBeGreaterThan(1);
    const thinking = message.content.find((block) => block.type === "thinking");
    expect(thinking?.type === "thinking" && thinking.signature).toBe("sig-123");
    const toolUse = message.content.find((block) => block.type === "tool_use");
    expect(toolUse?.type === "tool_use" && toolUse.input).toEqual({ city: "Paris", unit: "celsius" });
    expect(message.usage.output_tokens).toBe(20);
    const call = fake.calls.at(-1);
    expect(call?.headers["anthropic-beta"]).toBe("interleaved-thinking-2025-05-14");
  });

  it("accepts /v1/messages?beta=true as Claude Code sends it, and records the query", async () => {
    reply = { text: "ok" };
    const response = await fetch(`${fake.url}/v1/messages?beta=true`, {
      method: "POST",
      headers: { "content-type": "application/json", "x-api-key": "sk-fake", "anthropic-version": "2023-06-01" },
      body: JSON.stringify(request),
    });
    expect(response.status).toBe(200);
    expect(fake.calls.at(-1)?.path).toBe("/v1/messages?beta=true");
  });

  it("checks required fields as the real services do", async () => {
    const emptyChat = await openai.chat.completions
      .create({ model: "m", messages: [] })
      .catch((error: unknown) => error);
    expect(emptyChat).toBeInstanceOf(OpenAI.BadRequestError);
    const noMessages = await anthropic.messages.create({ ...request, messages: [] }).catch((error: unknown) => error);
    expect(String((noMessages as Error).message)).toContain("at least one message");
    const streamOptions = await openai.chat.completions
      .create({ model: "m", messages: [{ role: "user", content: "hi" }], stream_options: { include_usage: true } })
      .catch((error: unknown) => error);
    expect(String((streamOptions as Error).message)).toContain("stream_options");
  });

  it("requires anthropic-version", async () => {
    const response = await fetch(`${fake.url}/v1/messages`, {
      method: "POST",
      headers: { "content-type": "application/json", "x-api-key": "sk-fake" },
      body: JSON.stringify(request),
    });
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ type: "error", error: { type: "invalid_request_error" } });
  });

  it("counts tokens", async () => {
    reply = { usage: { inputTokens: 42, outputTokens: 0 } };
    const count = await anthropic.messages.countTokens({ model: "claude-test", messages: request.messages });
    expect(count.input_tokens).toBe(42);
  });

  it("lists models page by page", async () => {
    const ids: string[] = [];
    for await (const model of anthropic.models.list({ limit: 2 })) ids.push(model.id);
    expect(ids).toEqual(["m-1", "m-2", "m-3"]);
  });

  it("rejects a wrong key and a missing field in Anthropic's shapes", async () => {
    const wrong = new Anthropic({ apiKey: "sk-wrong", baseURL: fake.url, maxRetries: 0 });
    expect(await wrong.messages.create(request).catch((error: unknown) => error)).toBeInstanceOf(
      Anthropic.AuthenticationError,
    );
    const missing = await anthropic.messages
      .create({ ...request, max_tokens: undefined as unknown as number })
      .catch((error: unknown) => error);
    expect(missing).toBeInstanceOf(Anthropic.BadRequestError);
    expect(String((missing as Error).message)).toContain("max_tokens: Field required");
  });

  it("renders an overload in Anthropic's shape", async () => {
    reply = { error: { status: 529 } };
    const failure = await anthropic.messages.create(request).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(Anthropic.APIError);
    expect((failure as InstanceType<typeof Anthropic.APIError>).status).toBe(529);
    expect(String((failure as Error).message)).toContain("overloaded_error");
  });
});
