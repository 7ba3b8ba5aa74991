import { describe, expect, it } from "vitest";
import { configFromObject } from "../config/load-config.js";
import { GatewayError } from "../errors/gateway-error.js";
import { createGateway } from "../gateway/gateway.js";
import { anthropicMessage, fakeProvider, jsonResponse, type FakeProvider } from "../gateway/testing/fake-provider.js";
import { createSilentLogger } from "../lib/logger.js";
import { createMemoryUsageSink } from "../store/log-usage-sink.js";
import { buildApp } from "./app.js";
import { keyMatches } from "../lib/client-key.js";

const anthropicAnswer = anthropicMessage("Hello", { input_tokens: 3, output_tokens: 1 });

function setup(options: { file?: Record<string, unknown>; provider?: FakeProvider } = {}) {
  const provider =
    options.provider ??
    fakeProvider({
      id: "anthropic",
      models: [
        { id: "claude-sonnet-4-5", apis: ["anthropic-messages"], displayName: "Claude Sonnet 4.5" },
        { id: "gpt-ish", apis: ["openai-chat", "openai-responses"] },
      ],
      respond: () => jsonResponse(anthropicAnswer),
    });
  const config = configFromObject(options.file ?? {});
  const usage = createMemoryUsageSink();
  const gateway = createGateway({
    config,
    providers: new Map([[provider.id, provider]]),
    usageSink: usage,
    logger: createSilentLogger(),
  });
  return { app: buildApp({ config, gateway, logger: createSilentLogger() }), provider, usage };
}

const messagesBody = JSON.stringify({
  model: "claude-sonnet-4-5",
  max_tokens: 100,
  messages: [{ role: "user", content: "hi" }],
});
const json = { "content-type": "application/json" };

describe("server routes", () => {
  it("HEAD / and /health answer 200 without a key", async () => {
    const { app } = setup({ file: { server: { api_key: "secret" } } });
    expect((await app.inject({ method: "HEAD", url: "/" })).statusCode).toBe(200);
    const health = await app.inject({ method: "GET", url: "/health" });
    expect(health.statusCode).toBe(200);
    expect(health.json()).toEqual({ status: "ok" });
  });

  it("requires the client key as x-api-key or Bearer, and answers 401 in the route's shape", async () => {
    const { app, provider } = setup({ file: { server: { api_key: "secret" } } });
    const missing = await app.inject({ method: "POST", url: "/v1/messages", headers: json, payload: messagesBody });
    expect(missing.statusCode).toBe(401);
    expect(missing.json()).toMatchObject({ type: "error", error: { type: "authentication_error" } });
    const wrongChat = await app.inject({
      method: "POST",
      url: "/v1/chat/completions",
      headers: { ...json, authorization: "Bearer nope-and-longer" },
      payload: "{}",
    });
    expect(wrongChat.statusCode).toBe(401);
    expect(wrongChat.json()).toMatchObject({ error: { message: expect.stringContaining("API key") } });
    const withHeader = await app.inject({
      method: "POST",
      url: "/v1/messages",
      headers: { ...json, "x-api-key": "secret" },
      payload: messagesBody,
    });
    expect(withHeader.statusCode).toBe(200);
    const models = await app.inject({ method: "GET", url: "/v1/models", headers: { authorization: "Bearer secret" } });
    expect(models.statusCode).toBe(200);
    expect(provider.requests).toHaveLength(1);
  });

  it("compares keys in constant time over hashes, whatever their length", () => {
    expect(keyMatches("secret", "secret")).toBe(true);
    expect(keyMatches("secre", "secret")).toBe(false);
    expect(keyMatches("a much longer wrong key than the real one", "secret")).toBe(false);
    expect(keyMatches(undefined, "secret")).toBe(false);
  });

  it("refuses a body over the limit with 413 in the route's shape, and keeps serving", async () => {
    const { app } = setup({ file: { server: { body_limit_mb: 0.001 } } });
    const large = JSON.stringify({
      model: "claude-sonnet-4-5",
      messages: [{ role: "user", content: "x".repeat(5000) }],
    });
    const refused = await app.inject({ method: "POST", url: "/v1/messages", headers: json, payload: large });
    expect(refused.statusCode).toBe(413);
    expect(refused.json()).toMatchObject({ type: "error", error: { message: expect.stringContaining("MB") } });
    const chat = await app.inject({ method: "POST", url: "/v1/chat/completions", headers: json, payload: large });
    expect(chat.statusCode).toBe(413);
    expect(chat.json()).toMatchObject({ error: { code: "request_too_large" } });
    expect(
      (await app.inject({ method: "POST", url: "/v1/messages", headers: json, payload: messagesBody })).statusCode,
    ).toBe(200);
  });

  it("answers malformed and empty JSON with 400 in the route's shape, and keeps serving", async () => {
    const { app } = setup();
    const broken = await app.inject({ method: "POST", url: "/v1/messages", headers: json, payload: '{"model": "x",' });
    expect(broken.statusCode).toBe(400);
    expect(broken.json()).toMatchObject({
      type: "error",
      error: { type: "invalid_request_error", message: expect.stringContaining("not valid JSON") },
    });
    const empty = await app.inject({ method: "POST", url: "/v1/responses", headers: json, payload: "" });
    expect(empty.statusCode).toBe(400);
    expect(empty.json()).toMatchObject({ error: { message: expect.stringContaining("empty") } });
    const noModel = await app.inject({ method: "POST", url: "/v1/chat/completions", headers: json, payload: "[1,2]" });
    expect(noModel.statusCode).toBe(400);
    expect(noModel.json()).toHaveProperty("error.message");
    expect(
      (await app.inject({ method: "POST", url: "/v1/messages", headers: json, payload: messagesBody })).statusCode,
    ).toBe(200);
  });

  it("keeps a usage record of requests refused before routing (401, 413, malformed JSON)", async () => {
    const { app, usage } = setup({ file: { server: { api_key: "secret", body_limit_mb: 0.001 } } });
    await app.inject({ method: "POST", url: "/v1/messages", headers: json, payload: messagesBody });
    await app.inject({
      method: "POST",
      url: "/v1/chat/completions",
      headers: { ...json, "x-api-key": "secret" },
      payload: "x".repeat(5000),
    });
    await app.inject({
      method: "POST",
      url: "/v1/responses",
      headers: { ...json, "x-api-key": "secret" },
      payload: "{",
    });
    expect(usage.records.map((record) => [record.clientApi, record.status, record.errorCode])).toEqual([
      ["anthropic-messages", 401, "authentication"],
      ["openai-chat", 413, "request_too_large"],
      ["openai-responses", 400, "invalid_request"],
    ]);
  });

  it("accepts bodies without a content type or with another one (the body is parsed once, by the route)", async () => {
    const { app } = setup();
    const response = await app.inject({
      method: "POST",
      url: "/v1/messages",
      headers: { "content-type": "text/plain" },
      payload: messagesBody,
    });
    expect(response.statusCode).toBe(200);
  });

  it("serves the same API without /v1 and with a doubled /v1/v1, keeping the query string", async () => {
    const { app, provider } = setup();
    for (const url of ["/messages", "/v1/v1/messages?beta=true", "/v1/messages?beta=true"]) {
      const response = await app.inject({ method: "POST", url, headers: json, payload: messagesBody });
      expect(response.statusCode).toBe(200);
      expect(response.headers["x-switchboard-provider"]).toBe("anthropic");
      expect(response.headers["x-request-id"]).toMatch(/^req_/);
    }
    expect(provider.requests.map((request) => request.query)).toEqual([undefined, "?beta=true", "?beta=true"]);
  });

  it("lists a model the account must enable first, marked with how to enable it", async () => {
    const provider = fakeProvider({
      id: "copilot",
      models: [
        { id: "claude-sonnet-4.5", apis: ["anthropic-messages"] },
        {
          id: "claude-opus-4.8",
          apis: ["anthropic-messages"],
          notEnabled: { state: "unconfigured", fix: "enable it at https://github.com/settings/copilot/features" },
        },
      ],
      respond: () => jsonResponse(anthropicAnswer),
    });
    const { app } = setup({ provider });
    const response = await app.inject({ method: "GET", url: "/v1/models" });
    expect((response.json() as { data: unknown[] }).data).toEqual([
      { id: "copilot/claude-sonnet-4.5", object: "model", created: 0, owned_by: "copilot" },
      {
        id: "copilot/claude-opus-4.8",
        object: "model",
        created: 0,
        owned_by: "copilot",
        enabled: false,
        policy_state: "unconfigured",
        fix: "enable it at https://github.com/settings/copilot/features",
      },
    ]);
  });

  it("lists models in OpenAI's shape, or Anthropic's when anthropic-version is sent", async () => {
    const { app } = setup({ file: { models: { sonnet: "anthropic/claude-sonnet-4-5" } } });
    const openai = await app.inject({ method: "GET", url: "/v1/models" });
    expect(openai.json()).toEqual({
      object: "list",
      data: [
        { id: "sonnet", object: "model", created: 0, owned_by: "switchboard" },
        { id: "anthropic/claude-sonnet-4-5", object: "model", created: 0, owned_by: "anthropic" },
        { id: "anthropic/gpt-ish", object: "model", created: 0, owned_by: "anthropic" },
      ],
    });
    const anthropic = await app.inject({
      method: "GET",
      url: "/models",
      headers: { "anthropic-version": "2023-06-01" },
    });
    expect(anthropic.json()).toMatchObject({
      data: [
        { type: "model", id: "sonnet" },
        { type: "model", id: "anthropic/claude-sonnet-4-5", display_name: "Claude Sonnet 4.5" },
        { id: "anthropic/gpt-ish" },
      ],
      has_more: false,
      first_id: "sonnet",
      last_id: "anthropic/gpt-ish",
    });
  });

  it("answers Codex's WebSocket probe with 426 so it falls back to HTTP at once", async () => {
    const { app } = setup();
    const probe = await app.inject({
      method: "GET",
      url: "/v1/responses",
      headers: { upgrade: "websocket", connection: "Upgrade", "openai-beta": "responses_websockets=2026-02-06" },
    });
    expect(probe.statusCode).toBe(426);
    expect(probe.json()).toHaveProperty("error.message");
  });

  it("answers unknown routes with 404 in an error shape", async () => {
    const { app } = setup();
    const response = await app.inject({ method: "POST", url: "/v1/audio/speech", headers: json, payload: "{}" });
    expect(response.statusCode).toBe(404);
    expect(response.json()).toHaveProperty("error.message");
  });

  it("renders upstream failures in the client's shape with retry-after, and records the refusal", async () => {
    const provider = fakeProvider({
      id: "anthropic",
      models: [{ id: "claude-sonnet-4-5", apis: ["anthropic-messages"] }],
      respond: () => {
        throw new GatewayError("rate_limited", "Upstream rate limit", {
          upstream: { provider: "anthropic", status: 429, retryAfter: 7 },
        });
      },
    });
    const { app, usage } = setup({ provider });
    const response = await app.inject({ method: "POST", url: "/v1/messages", headers: json, payload: messagesBody });
    expect(response.statusCode).toBe(429);
    expect(response.headers["retry-after"]).toBe("7");
    expect(response.json()).toMatchObject({ type: "error", error: { type: "rate_limit_error" } });
    expect(usage.records).toEqual([
      expect.objectContaining({
        status: 429,
        errorCode: "rate_limited",
        provider: "anthropic",
        requestedModel: "claude-sonnet-4-5",
      }),
    ]);
  });

  it("records refused requests too (unknown model)", async () => {
    const { app, usage } = setup();
    const response = await app.inject({
      method: "POST",
      url: "/v1/chat/completions",
      headers: json,
      payload: JSON.stringify({ model: "nope", messages: [{ role: "user", content: "hi" }] }),
    });
    expect(response.statusCode).toBe(404);
    expect(response.json()).toMatchObject({ error: { code: "model_not_found" } });
    expect(usage.records).toEqual([
      expect.objectContaining({ status: 404, errorCode: "model_not_found", clientApi: "openai-chat" }),
    ]);
  });
});
