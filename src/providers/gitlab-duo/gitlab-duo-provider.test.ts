import { afterEach, describe, expect, it, vi } from "vitest";
import type { Provider } from "../provider.js";
import { startFakeGitlab, type FakeGitlab } from "../../../test/fake-gitlab/start-fake-gitlab.js";
import { createTestProvider, readBody, upstreamRequest } from "../../../test/fake-gitlab/create-test-provider.js";
import { gitlabDuoProviderType } from "./index.js";

let fake: FakeGitlab | undefined;
let provider: Provider | undefined;

afterEach(async () => {
  await provider?.close();
  await fake?.close();
  provider = undefined;
  fake = undefined;
});

async function setUp(options: Parameters<typeof startFakeGitlab>[0] = {}, now?: () => number) {
  fake = await startFakeGitlab({ ...options, ...(now === undefined ? {} : { now }) });
  provider = createTestProvider({ fake, ...(now === undefined ? {} : { dependencies: { now } }) });
  return { fake, provider };
}

describe("gitlab-duo provider against a fake GitLab", () => {
  it("serves 30 concurrent requests with one direct-access call, sending the token and every x-gitlab header", async () => {
    const { fake, provider } = await setUp();
    const responses = await Promise.all(
      Array.from({ length: 30 }, (_, index) =>
        provider.send(
          upstreamRequest({
            api: index % 2 === 0 ? "anthropic-messages" : "openai-chat",
            model: index % 2 === 0 ? "claude-sonnet-4-6" : "gpt-5.1-2025-11-13",
          }),
        ),
      ),
    );
    await Promise.all(responses.map(readBody));
    expect(responses.every((response) => response.status === 200)).toBe(true);
    expect(fake.state.directAccessCalls).toBe(1);
    const issued = fake.state.issuedTokens[0];
    expect(fake.state.gatewayRequests).toHaveLength(30);
    for (const recorded of fake.state.gatewayRequests) {
      expect(recorded.headers["authorization"]).toBe(`Bearer ${issued?.token}`);
      for (const [name, value] of Object.entries(issued?.headers ?? {})) expect(recorded.headers[name]).toBe(value);
    }
    expect(fake.state.directAccessRequests[0]?.headers["authorization"]).toBe("Bearer glpat-valid");
  });

  it("fetches a new token before the old one expires (requests wait once 90% of its life has passed)", async () => {
    let now = Date.parse("2026-11-25T08:00:00Z");
    const { fake, provider } = await setUp({ tokenLifeSeconds: 600 }, () => now);
    await readBody(await provider.send(upstreamRequest({ api: "openai-chat", model: "gpt-5-mini-2025-08-07" })));
    now += 570_000;
    await readBody(await provider.send(upstreamRequest({ api: "openai-chat", model: "gpt-5-mini-2025-08-07" })));
    expect(fake.state.directAccessCalls).toBe(2);
    expect(fake.state.gatewayRequests.map((recorded) => recorded.headers["authorization"])).toEqual([
      "Bearer duo-direct-access-1",
      "Bearer duo-direct-access-2",
    ]);
  });

  it("refreshes in the background at 80% of the token's life while requests keep flowing", async () => {
    let now = Date.parse("2026-11-25T08:00:00Z");
    const { fake, provider } = await setUp({ tokenLifeSeconds: 600 }, () => now);
    await readBody(await provider.send(upstreamRequest({ api: "openai-chat", model: "gpt-5.2-2025-12-11" })));
    now += 500_000;
    await readBody(await provider.send(upstreamRequest({ api: "openai-chat", model: "gpt-5.2-2025-12-11" })));
    await vi.waitFor(() => expect(fake.state.issuedTokens).toHaveLength(2));
    await readBody(await provider.send(upstreamRequest({ api: "openai-chat", model: "gpt-5.2-2025-12-11" })));
    expect(fake.state.gatewayRequests.map((recorded) => recorded.headers["authorization"])).toEqual([
      "Bearer duo-direct-access-1",
      "Bearer duo-direct-access-1",
      "Bearer duo-direct-access-2",
    ]);
  });

  it("replaces a token the gateway calls stale (401) and retries, invisibly to the caller", async () => {
    const { fake, provider } = await setUp();
    await readBody(await provider.send(upstreamRequest({ api: "anthropic-messages", model: "claude-opus-4-6" })));
    fake.revokeIssuedTokens();
    const responses = await Promise.all(
      Array.from({ length: 10 }, () =>
        provider.send(upstreamRequest({ api: "anthropic-messages", model: "claude-opus-4-6" })),
      ),
    );
    const bodies = await Promise.all(responses.map(readBody));
    expect(bodies.every((body) => JSON.parse(body).content[0].text === "Hello from Duo.")).toBe(true);
    expect(fake.state.directAccessCalls).toBe(2);
  });

  it("passes Claude requests through to the Anthropic proxy with the client's anthropic-version, anthropic-beta and ?beta=true", async () => {
    const { fake, provider } = await setUp();
    const request = upstreamRequest({
      api: "anthropic-messages",
      model: "claude-sonnet-4-5-20250929",
      stream: true,
      forwardHeaders: {
        "anthropic-version": "2023-06-01",
        "anthropic-beta": "claude-code-20250219,interleaved-thinking-2025-05-14",
      },
    });
    const response = await provider.send({ ...request, query: "?beta=true" });
    const text = await readBody(response);
    const recorded = fake.state.gatewayRequests[0];
    expect(recorded?.path).toBe("/ai/v1/proxy/anthropic/v1/messages?beta=true");
    expect(recorded?.headers["anthropic-beta"]).toBe("claude-code-20250219,interleaved-thinking-2025-05-14");
    expect(JSON.stringify(recorded?.body)).toBe(request.body);
    expect(response.headers["content-type"]).toContain("text/event-stream");
    expect(text).toContain("event: message_start\n");
    expect(text).toContain('"model":"claude-sonnet-4-5-20250929"');
    expect(text.trimEnd().endsWith('data: {"type":"message_stop"}')).toBe(true);
  });

  it("sends GPT models to the Chat proxy and codex models to the Responses proxy", async () => {
    const { fake, provider } = await setUp();
    const chat = await readBody(
      await provider.send(upstreamRequest({ api: "openai-chat", model: "gpt-5.1-2025-11-13", stream: true })),
    );
    const responses = await readBody(
      await provider.send(upstreamRequest({ api: "openai-responses", model: "gpt-5.2-codex", stream: true })),
    );
    expect(fake.state.gatewayRequests.map((recorded) => recorded.path)).toEqual([
      "/ai/v1/proxy/openai/v1/chat/completions",
      "/ai/v1/proxy/openai/v1/responses",
    ]);
    expect(chat.trimEnd().endsWith("data: [DONE]")).toBe(true);
    expect(responses).toContain("event: response.completed\n");
  });

  it("lists every model of the table under its backend id, with the Duo name and aliases", async () => {
    const { provider } = await setUp();
    const models = await provider.listModels();
    expect(models).toHaveLength(11);
    expect(models.find((model) => model.id === "gpt-5.2-codex")).toMatchObject({
      apis: ["openai-responses"],
      aliases: ["duo-chat-gpt-5-2-codex", "codex", "gpt-5.2-codex"],
    });
    expect((await provider.resolveModel("sonnet"))?.id).toBe("claude-sonnet-4-5-20250929");
    expect(await provider.resolveModel("llama-3")).toBeUndefined();
  });

  it("works from the environment alone, as the standalone Duo proxy did (GITLAB_TOKEN, GITLAB_INSTANCE_URL)", async () => {
    fake = await startFakeGitlab();
    const env = {
      GITLAB_TOKEN: "glpat-valid",
      GITLAB_INSTANCE_URL: fake.instanceUrl,
      GITLAB_AI_GATEWAY_URL: fake.gatewayUrl,
    };
    const detected = await gitlabDuoProviderType.detect?.(env, "/nonexistent");
    expect(detected).toEqual({
      type: "gitlab-duo",
      token: "${GITLAB_TOKEN}",
      instance_url: "${GITLAB_INSTANCE_URL}",
      gateway_url: "${GITLAB_AI_GATEWAY_URL}",
    });
    expect(gitlabDuoProviderType.defaultId).toBe("duo");
    provider = createTestProvider({ fake, config: detected ?? {}, env });
    const response = await provider.send(
      upstreamRequest({ api: "anthropic-messages", model: "claude-haiku-4-5-20251001" }),
    );
    expect(JSON.parse(await readBody(response)).model).toBe("claude-haiku-4-5-20251001");
    expect(await gitlabDuoProviderType.detect?.({}, "/nonexistent")).toBeUndefined();
  });

  it("says what to set when there is no token", async () => {
    const started = await startFakeGitlab();
    fake = started;
    expect(() => createTestProvider({ fake: started, config: { type: "gitlab-duo" }, env: {} })).toThrow(
      /GITLAB_TOKEN/,
    );
  });

  it("counts tokens through the Anthropic proxy's count_tokens route", async () => {
    const { fake, provider } = await setUp();
    const response = await provider.send(
      upstreamRequest({ api: "anthropic-messages", model: "claude-opus-4-6", operation: "count_tokens" }),
    );
    expect(JSON.parse(await readBody(response))).toEqual({ input_tokens: expect.any(Number) });
    expect(fake.state.gatewayRequests.map((request) => request.path)).toEqual([
      "/ai/v1/proxy/anthropic/v1/messages/count_tokens",
    ]);
    expect(fake.state.gatewayRequests[0]?.headers["anthropic-version"]).toBe("2023-06-01");
  });
});
