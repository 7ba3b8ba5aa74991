import { describe, expect, it } from "vitest";
import { configFromObject } from "../config/load-config.js";
import { GatewayError } from "../errors/gateway-error.js";
import { fakeProvider, jsonResponse } from "../gateway/testing/fake-provider.js";
import { createSilentLogger } from "../lib/logger.js";
import type { AccessOutcome, RequestAccess } from "../limits/request-access.js";
import type { EmbeddingRequest, Provider } from "../providers/provider.js";
import { DeploymentHealth } from "../router/policy/deployment-health.js";
import { createMemoryUsageSink } from "../store/log-usage-sink.js";
import { serveEmbeddings, type EmbeddingsInput } from "./serve-embeddings.js";

type Embed = (request: EmbeddingRequest) => Promise<ReturnType<typeof jsonResponse>>;

/** A provider with embeddings whose answers the test scripts; `calls` holds each model it was asked for. */
function embeddingProvider(id: string, embed: Embed): Provider & { calls: string[] } {
  const calls: string[] = [];
  return {
    ...fakeProvider({ id, models: [] }),
    calls,
    embed: (request) => {
      calls.push(request.model);
      return embed(request);
    },
  };
}

const vectors = (tokens: number) =>
  jsonResponse({
    object: "list",
    data: [{ object: "embedding", index: 0, embedding: [0.1, 0.2] }],
    model: "m",
    usage: { prompt_tokens: tokens, total_tokens: tokens },
  });

const rateLimited = (provider: string) =>
  new GatewayError("rate_limited", "Rate limit reached for requests.", { upstream: { provider, status: 429 } });

function setUp(providers: Provider[], models: Record<string, unknown>, settled: AccessOutcome[] = []) {
  const config = configFromObject({ models, router: { backoff_base_ms: 0 } });
  const sink = createMemoryUsageSink();
  const access: RequestAccess = { admit: () => ({ settle: (outcome) => void settled.push(outcome) }) };
  const dependencies = {
    table: {
      aliases: config.models,
      providers: new Map(providers.map((provider) => [provider.id, provider])),
      routes: config.routes,
      router: config.router,
    },
    usageSink: sink,
    logger: createSilentLogger(),
    health: new DeploymentHealth(),
    backoff: { baseMs: 0, maxMs: 0 },
    access,
  };
  return { sink, dependencies, settled };
}

function input(body: unknown): EmbeddingsInput {
  return {
    rawBody: Buffer.from(JSON.stringify(body)),
    headers: { "user-agent": "OpenAI/JS 6.49.0" },
    signal: new AbortController().signal,
    requestId: "req_embed_1",
    principal: { kind: "master" },
  };
}

describe("serveEmbeddings", () => {
  it("records one usage row with the upstream's prompt_tokens and settles the key's limits with it", async () => {
    const local = embeddingProvider("local", async () => vectors(42));
    const { sink, dependencies, settled } = setUp([local], { embedder: "local/nomic-embed-text" });
    const outcome = await serveEmbeddings(input({ model: "embedder", input: "hello" }), dependencies);
    expect(outcome.ok).toBe(true);
    expect(local.calls).toEqual(["nomic-embed-text"]);
    expect(sink.records).toHaveLength(1);
    expect(sink.records[0]).toMatchObject({
      requestId: "req_embed_1",
      clientApi: "openai-embeddings",
      requestedModel: "embedder",
      route: "embedder",
      provider: "local",
      upstreamModel: "nomic-embed-text",
      keyId: "master",
      client: "openai-sdk",
      status: 200,
      usage: { inputTokens: 42, outputTokens: 0 },
      attempts: [{ provider: "local", model: "nomic-embed-text", outcome: "served" }],
    });
    expect(sink.records[0]?.durationMs).toBeGreaterThanOrEqual(0);
    expect(settled).toEqual([{ usage: { inputTokens: 42, outputTokens: 0 }, upstreamModel: "nomic-embed-text" }]);
  });

  it("falls back to the route's next target on a rate limit, as chat does, and records both attempts", async () => {
    const first = embeddingProvider("first", async () => {
      throw rateLimited("first");
    });
    const second = embeddingProvider("second", async () => vectors(5));
    const { sink, dependencies } = setUp([first, second], {
      embedder: { deployments: ["first/embed-a"], fallbacks: ["second/embed-b"], retries: 0 },
    });
    const outcome = await serveEmbeddings(input({ model: "embedder", input: ["a", "b"] }), dependencies);
    expect(outcome).toMatchObject({ ok: true, provider: "second", model: "embed-b" });
    expect(first.calls).toEqual(["embed-a"]);
    expect(second.calls).toEqual(["embed-b"]);
    expect(sink.records[0]).toMatchObject({
      provider: "second",
      upstreamModel: "embed-b",
      status: 200,
      usage: { inputTokens: 5, outputTokens: 0 },
      attempts: [
        { provider: "first", model: "embed-a", outcome: "rate_limited", status: 429 },
        { provider: "second", model: "embed-b", outcome: "served" },
      ],
    });
  });

  it("retries the same target first when the route allows retries", async () => {
    let calls = 0;
    const flaky = embeddingProvider("flaky", async () => {
      calls += 1;
      if (calls === 1) throw rateLimited("flaky");
      return vectors(3);
    });
    const { sink, dependencies } = setUp([flaky], { embedder: { deployments: ["flaky/e"], retries: 1 } });
    const outcome = await serveEmbeddings(input({ model: "embedder", input: "x" }), dependencies);
    expect(outcome.ok).toBe(true);
    expect(flaky.calls).toEqual(["e", "e"]);
    expect(sink.records[0]?.attempts.map((attempt) => attempt.outcome)).toEqual(["rate_limited", "served"]);
  });

  it("does not fall back on the client's own mistake (a 400), and records the refusal", async () => {
    const first = embeddingProvider("first", async () => {
      throw new GatewayError("invalid_request", "'$.input' is invalid.", {
        upstream: { provider: "first", status: 400 },
      });
    });
    const second = embeddingProvider("second", async () => vectors(1));
    const { sink, dependencies, settled } = setUp([first, second], {
      embedder: { deployments: ["first/e"], fallbacks: ["second/e"] },
    });
    const outcome = await serveEmbeddings(input({ model: "embedder", input: "" }), dependencies);
    expect(outcome).toMatchObject({ ok: false, error: { code: "invalid_request", status: 400 } });
    expect(second.calls).toEqual([]);
    expect(sink.records[0]).toMatchObject({ status: 400, errorCode: "invalid_request", provider: "first" });
    expect(sink.records[0]?.usage).toBeUndefined();
    expect(settled).toEqual([{ usage: undefined, upstreamModel: "e", costUsd: undefined }]);
  });

  it("leaves targets without embeddings out of a chain, and names the providers that have them when none is left", async () => {
    const chat = fakeProvider({ id: "claude", models: [] });
    const local = embeddingProvider("local", async () => vectors(2));
    const { dependencies, sink } = setUp([chat, local], {
      mixed: { deployments: ["claude/claude-sonnet-4-5"], fallbacks: ["local/e"] },
      chatty: "claude/claude-sonnet-4-5",
    });
    expect(await serveEmbeddings(input({ model: "mixed", input: "x" }), dependencies)).toMatchObject({
      ok: true,
      provider: "local",
    });
    const refused = await serveEmbeddings(input({ model: "chatty", input: "x" }), dependencies);
    expect(refused).toMatchObject({ ok: false, error: { status: 400 } });
    expect(refused.ok ? "" : refused.error.message).toBe(
      'The model alias "chatty" points at "claude/claude-sonnet-4-5". Embeddings are not offered there. Providers that do: local (fake); name a model as provider/model.',
    );
    expect(sink.records.at(-1)).toMatchObject({ requestedModel: "chatty", status: 400, errorCode: "invalid_request" });
  });

  it("answers a body that is not JSON with a 400 and still records it", async () => {
    const { dependencies, sink } = setUp([embeddingProvider("local", async () => vectors(1))], {});
    const outcome = await serveEmbeddings({ ...input({}), rawBody: Buffer.from("{not json") }, dependencies);
    expect(outcome).toMatchObject({ ok: false, error: { message: "The request body is not valid JSON." } });
    expect(sink.records[0]).toMatchObject({
      status: 400,
      errorCode: "invalid_request",
      clientApi: "openai-embeddings",
    });
  });
});
