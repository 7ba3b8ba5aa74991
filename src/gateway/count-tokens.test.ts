import { describe, expect, it } from "vitest";
import { configFromObject } from "../config/load-config.js";
import { createSilentLogger } from "../lib/logger.js";
import { createMemoryUsageSink } from "../store/log-usage-sink.js";
import { estimateTokens } from "./count-tokens.js";
import { createGateway } from "./gateway.js";
import { fakeProvider, jsonResponse, type FakeProvider } from "./testing/fake-provider.js";

function gatewayWith(provider: FakeProvider) {
  return createGateway({
    config: configFromObject({}),
    providers: new Map([[provider.id, provider]]),
    usageSink: createMemoryUsageSink(),
    logger: createSilentLogger(),
  });
}

function input(body: unknown) {
  return {
    clientApi: "anthropic-messages" as const,
    body,
    rawBody: Buffer.from(JSON.stringify(body)),
    query: "?beta=true",
    headers: { "anthropic-version": "2023-06-01" },
    signal: new AbortController().signal,
    requestId: "req_count",
  };
}

const body = {
  model: "claude-sonnet-4-5",
  system: "You are terse.",
  messages: [{ role: "user", content: "How many tokens is this?" }],
};

describe("count_tokens", () => {
  it("asks an Anthropic upstream to count", async () => {
    const provider = fakeProvider({
      id: "anthropic",
      models: [{ id: "claude-sonnet-4-5", apis: ["anthropic-messages"] }],
      respond: () => jsonResponse({ input_tokens: 17 }),
    });
    const reply = await gatewayWith(provider).countTokens(input(body));
    expect(reply.status).toBe(200);
    expect(reply.body.kind === "bytes" ? JSON.parse(reply.body.data.toString()) : undefined).toEqual({
      input_tokens: 17,
    });
    expect(provider.requests[0]).toMatchObject({
      operation: "count_tokens",
      api: "anthropic-messages",
      query: "?beta=true",
      stream: false,
    });
  });

  it("estimates for other upstreams, and says so in a header", async () => {
    const provider = fakeProvider({ id: "openai", models: [{ id: "claude-sonnet-4-5", apis: ["openai-chat"] }] });
    const reply = await gatewayWith(provider).countTokens(input(body));
    expect(reply.status).toBe(200);
    expect(reply.headers["x-switchboard-token-count"]).toBe("estimate");
    expect(reply.body).toEqual({ kind: "json", value: { input_tokens: estimateTokens(body) } });
    expect(provider.requests).toHaveLength(0);
  });

  it("estimates about four characters per token", () => {
    expect(estimateTokens({ messages: [{ role: "user", content: "x".repeat(400) }] })).toBeGreaterThanOrEqual(100);
    expect(estimateTokens({ messages: [{ role: "user", content: "x".repeat(400) }] })).toBeLessThan(120);
  });

  it("refuses a body without messages in Anthropic's error shape", async () => {
    const provider = fakeProvider({ id: "openai", models: [] });
    const reply = await gatewayWith(provider).countTokens(input({ model: "x" }));
    expect(reply.status).toBe(400);
    expect(reply.body).toMatchObject({
      kind: "json",
      value: { type: "error", error: { message: expect.stringContaining("messages") } },
    });
  });
});
