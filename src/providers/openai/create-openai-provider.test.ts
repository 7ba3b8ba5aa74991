import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  gatewayErrorOf,
  readText,
  startFakeUpstream,
  testProviderContext,
  upstreamRequest,
  type FakeReply,
  type FakeUpstream,
} from "../../../test/fake-upstream/index.js";
import type { Provider } from "../provider.js";
import { createOpenAiProvider } from "./create-openai-provider.js";

let fake: FakeUpstream;
let reply: FakeReply = { text: "hi" };
let provider: Provider;

beforeAll(async () => {
  fake = await startFakeUpstream({
    apiKey: "sk-openai-key-123",
    script: () => reply,
    models: ["gpt-5.1", "gpt-5-mini", "text-embedding-3-small", "dall-e-3"],
  });
  provider = createOpenAiProvider(
    "openai",
    { base_url: `${fake.url}/v1`, api_key: "sk-openai-key-123" },
    testProviderContext(),
  );
});
afterAll(async () => {
  await provider.close();
  await fake.close();
});

const chatBody = { model: "gpt-5.1", messages: [{ role: "user", content: "hi" }] };

describe("openai provider", () => {
  it("sends Chat Completions to /chat/completions with the key, and streams the answer back", async () => {
    reply = { text: "Hello there" };
    const response = await provider.send(
      upstreamRequest({
        api: "openai-chat",
        body: { ...chatBody, stream: true, stream_options: { include_usage: true } },
      }),
    );
    expect(response.status).toBe(200);
    expect(response.headers["content-type"]).toContain("text/event-stream");
    const text = await readText(response.body);
    expect(text).toContain('"content":"Hel');
    expect(text.trim().endsWith("data: [DONE]")).toBe(true);
    const call = fake.calls.at(-1);
    expect(call?.path).toBe("/v1/chat/completions");
    expect(call?.headers.authorization).toBe("Bearer sk-openai-key-123");
  });

  it("sends Responses to /responses and forwards openai-beta", async () => {
    reply = { text: "Hi" };
    const response = await provider.send(
      upstreamRequest({
        api: "openai-responses",
        body: { model: "gpt-5.1", input: "hi" },
        context: {
          requestId: "r",
          clientApi: "openai-responses",
          initiator: "user",
          hasImages: false,
          forwardHeaders: { "OpenAI-Beta": "x=1" },
        },
      }),
    );
    expect(JSON.parse(await readText(response.body))).toMatchObject({ object: "response", status: "completed" });
    expect(fake.calls.at(-1)?.path).toBe("/v1/responses");
    expect(fake.calls.at(-1)?.headers["openai-beta"]).toBe("x=1");
  });

  it("refuses token counting and the Anthropic API", async () => {
    const count = await gatewayErrorOf(
      provider.send(upstreamRequest({ api: "openai-chat", operation: "count_tokens", body: chatBody })),
    );
    expect(count.code).toBe("unsupported_feature");
    const messages = await gatewayErrorOf(
      provider.send(upstreamRequest({ api: "anthropic-messages", body: chatBody })),
    );
    expect(messages.code).toBe("unsupported_feature");
  });

  it("lists chat models from GET /models once, reachable through Responses and Chat", async () => {
    const before = fake.calls.filter((call) => call.api === "openai-models").length;
    const models = await provider.listModels();
    await provider.listModels();
    expect(models.map((model) => model.id)).toEqual(["gpt-5.1", "gpt-5-mini"]);
    expect(models[0]?.apis).toEqual(["openai-responses", "openai-chat"]);
    expect(fake.calls.filter((call) => call.api === "openai-models").length).toBe(before + 1);
  });

  it("resolves exact ids, other cases and spellings, and config aliases", async () => {
    const aliased = createOpenAiProvider(
      "work",
      {
        base_url: `${fake.url}/v1`,
        api_key: "sk-openai-key-123",
        models: ["gpt-5.1", { id: "gpt-5-mini", aliases: ["mini"] }],
        aliases: { Fast: "gpt-5-mini" },
      },
      testProviderContext(),
    );
    expect((await aliased.resolveModel("gpt-5.1"))?.id).toBe("gpt-5.1");
    expect((await aliased.resolveModel("GPT-5.1"))?.id).toBe("gpt-5.1");
    expect((await aliased.resolveModel("gpt-5-1"))?.id).toBe("gpt-5.1");
    expect((await aliased.resolveModel("MINI"))?.id).toBe("gpt-5-mini");
    expect((await aliased.resolveModel("fast"))?.id).toBe("gpt-5-mini");
    expect((await aliased.resolveModel("openai/gpt-5.1"))?.id).toBe("gpt-5.1");
    expect(await aliased.resolveModel("claude-sonnet-4-5")).toBeUndefined();
    const listed = (await aliased.listModels()).map((model) => model.id);
    expect(listed).toEqual(["gpt-5.1", "gpt-5-mini"]);
  });

  it("blames its own key when OpenAI answers 401, without echoing it", async () => {
    const wrong = createOpenAiProvider(
      "openai",
      { base_url: `${fake.url}/v1`, api_key: "sk-wrong-key-456" },
      testProviderContext(),
    );
    const error = await gatewayErrorOf(wrong.send(upstreamRequest({ api: "openai-chat", body: chatBody })));
    expect(error.code).toBe("upstream_authentication");
    expect(error.message).toContain('provider "openai"');
    expect(error.message).not.toContain("sk-wrong-key-456");
  });

  it("turns a scripted 429 into rate_limited with the wait passed on", async () => {
    reply = { error: { status: 429, headers: { "retry-after": "4" } } };
    const error = await gatewayErrorOf(provider.send(upstreamRequest({ api: "openai-chat", body: chatBody })));
    expect(error.code).toBe("rate_limited");
    expect(error.headers["retry-after"]).toBe("4");
  });

  it("turns insufficient_quota into quota_exceeded", async () => {
    reply = {
      error: {
        status: 429,
        body: {
          error: {
            message: "You exceeded your current quota.",
            type: "insufficient_quota",
            param: null,
            code: "insufficient_quota",
          },
        },
      },
    };
    const error = await gatewayErrorOf(provider.send(upstreamRequest({ api: "openai-chat", body: chatBody })));
    expect(error.code).toBe("quota_exceeded");
  });

  it("reads the key from OPENAI_API_KEY and names the missing key otherwise", () => {
    expect(() =>
      createOpenAiProvider("openai", {}, testProviderContext({ env: { OPENAI_API_KEY: "sk-env" } })),
    ).not.toThrow();
    expect(() => createOpenAiProvider("openai", {}, testProviderContext())).toThrow(
      /provider "openai": api_key: required/,
    );
    expect(() => createOpenAiProvider("openai", { api_key: "k", base_url: "ftp://x" }, testProviderContext())).toThrow(
      /provider "openai": base_url: must be an http/,
    );
    expect(() =>
      createOpenAiProvider("openai", { api_key: "k", models: [{ id: "m", apis: ["smtp"] }] }, testProviderContext()),
    ).toThrow(/models\[0\]\.apis\[0\]/);
  });
});
