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
import type { Provider, RequestContext } from "../provider.js";
import { createAnthropicProvider } from "./create-anthropic-provider.js";

let fake: FakeUpstream;
let reply: FakeReply = { text: "hi" };
let provider: Provider;

beforeAll(async () => {
  fake = await startFakeUpstream({
    apiKey: "sk-ant-key-123456",
    script: () => reply,
    models: ["claude-sonnet-4-5-20250101", "claude-sonnet-4-5-20250929", "claude-haiku-4-5-20251001"],
  });
  provider = createAnthropicProvider(
    "anthropic",
    { base_url: fake.url, api_key: "sk-ant-key-123456" },
    testProviderContext(),
  );
});
afterAll(async () => {
  await provider.close();
  await fake.close();
});

const body = { model: "claude-sonnet-4-5-20250929", max_tokens: 100, messages: [{ role: "user", content: "hi" }] };
const claudeCodeContext: RequestContext = {
  requestId: "r",
  clientApi: "anthropic-messages",
  initiator: "user",
  hasImages: false,
  forwardHeaders: {
    "anthropic-beta": "claude-code-20250219,interleaved-thinking-2025-05-14",
    "anthropic-version": "2023-06-01",
  },
};

describe("anthropic provider", () => {
  it("sends Messages with x-api-key and the default anthropic-version", async () => {
    reply = { text: "Hello" };
    const response = await provider.send(upstreamRequest({ api: "anthropic-messages", body }));
    expect(JSON.parse(await readText(response.body))).toMatchObject({
      type: "message",
      content: [{ type: "text", text: "Hello" }],
    });
    const call = fake.calls.at(-1);
    expect(call?.path).toBe("/v1/messages");
    expect(call?.headers["x-api-key"]).toBe("sk-ant-key-123456");
    expect(call?.headers["anthropic-version"]).toBe("2023-06-01");
    expect(call?.headers.authorization).toBeUndefined();
  });

  it("keeps ?beta=true and forwards the client's anthropic-beta, streaming events through", async () => {
    reply = { text: "Hello", reasoning: { text: "think", signature: "sig" } };
    const response = await provider.send(
      upstreamRequest({
        api: "anthropic-messages",
        body: { ...body, stream: true },
        query: "?beta=true",
        context: claudeCodeContext,
      }),
    );
    const text = await readText(response.body);
    expect(text).toContain("event: message_start");
    expect(text).toContain("event: ping");
    expect(text).toContain('"signature_delta"');
    const call = fake.calls.at(-1);
    expect(call?.path).toBe("/v1/messages?beta=true");
    expect(call?.headers["anthropic-beta"]).toBe("claude-code-20250219,interleaved-thinking-2025-05-14");
  });

  it("counts tokens at /v1/messages/count_tokens", async () => {
    reply = { usage: { inputTokens: 33, outputTokens: 0 } };
    const response = await provider.send(
      upstreamRequest({
        api: "anthropic-messages",
        operation: "count_tokens",
        body: { model: body.model, messages: body.messages },
      }),
    );
    expect(JSON.parse(await readText(response.body))).toEqual({ input_tokens: 33 });
    expect(fake.calls.at(-1)?.path).toBe("/v1/messages/count_tokens");
  });

  it("refuses the OpenAI APIs", async () => {
    const error = await gatewayErrorOf(provider.send(upstreamRequest({ api: "openai-chat", body })));
    expect(error.code).toBe("unsupported_feature");
  });

  it("lists models from GET /v1/models in Anthropic's shape and resolves undated and dotted names", async () => {
    const models = await provider.listModels();
    expect(models.map((model) => model.id)).toContain("claude-haiku-4-5-20251001");
    expect(models[0]).toMatchObject({ apis: ["anthropic-messages"], displayName: "CLAUDE-SONNET-4-5-20250101" });
    expect(fake.calls.find((call) => call.api === "anthropic-models")?.headers["anthropic-version"]).toBe("2023-06-01");
    expect((await provider.resolveModel("claude-sonnet-4-5"))?.id).toBe("claude-sonnet-4-5-20250929");
    expect((await provider.resolveModel("claude-sonnet-4.5"))?.id).toBe("claude-sonnet-4-5-20250929");
    expect((await provider.resolveModel("Claude-Haiku-4-5-20251001"))?.id).toBe("claude-haiku-4-5-20251001");
    expect(await provider.resolveModel("gpt-5")).toBeUndefined();
  });

  it("accepts a base_url written with /v1", async () => {
    reply = { text: "ok" };
    const withV1 = createAnthropicProvider(
      "a",
      { base_url: `${fake.url}/v1/`, api_key: "sk-ant-key-123456" },
      testProviderContext(),
    );
    const response = await withV1.send(upstreamRequest({ api: "anthropic-messages", body }));
    expect(response.status).toBe(200);
    expect(fake.calls.at(-1)?.path).toBe("/v1/messages");
  });

  it.each([
    [{ error: { status: 529 } }, "upstream_overloaded"],
    [
      {
        error: {
          status: 400,
          body: {
            type: "error",
            error: { type: "invalid_request_error", message: "prompt is too long: 250000 tokens > 200000 maximum" },
          },
        },
      },
      "context_length_exceeded",
    ],
    [
      {
        error: { status: 404, body: { type: "error", error: { type: "not_found_error", message: "model: claude-x" } } },
      },
      "model_not_found",
    ],
  ] as Array<[FakeReply, string]>)("classifies Anthropic failures (%#)", async (scripted, code) => {
    reply = scripted;
    expect((await gatewayErrorOf(provider.send(upstreamRequest({ api: "anthropic-messages", body })))).code).toBe(code);
  });

  it("blames its own key on 401", async () => {
    const wrong = createAnthropicProvider(
      "claude",
      { base_url: fake.url, api_key: "sk-ant-wrong-999999" },
      testProviderContext(),
    );
    const error = await gatewayErrorOf(wrong.send(upstreamRequest({ api: "anthropic-messages", body })));
    expect(error.code).toBe("upstream_authentication");
    expect(error.message).toContain('provider "claude"');
  });

  it("requires a key, from the config or ANTHROPIC_API_KEY", () => {
    expect(() => createAnthropicProvider("anthropic", {}, testProviderContext())).toThrow(
      /provider "anthropic": api_key: required/,
    );
    expect(() =>
      createAnthropicProvider("anthropic", {}, testProviderContext({ env: { ANTHROPIC_API_KEY: "k" } })),
    ).not.toThrow();
  });
});
