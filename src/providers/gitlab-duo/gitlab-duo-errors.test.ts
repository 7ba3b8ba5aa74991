import { Readable } from "node:stream";
import { afterEach, describe, expect, it } from "vitest";
import { GatewayError } from "../../errors/index.js";
import type { Provider } from "../provider.js";
import { startFakeGitlab, type FakeGitlab } from "../../../test/fake-gitlab/start-fake-gitlab.js";
import { createTestProvider, upstreamRequest } from "../../../test/fake-gitlab/create-test-provider.js";

let fake: FakeGitlab | undefined;
let provider: Provider | undefined;

afterEach(async () => {
  await provider?.close();
  await fake?.close();
  provider = undefined;
  fake = undefined;
});

async function failureOf(promise: Promise<unknown>): Promise<GatewayError> {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(GatewayError);
  return error as GatewayError;
}

async function sendWithToken(token: string): Promise<GatewayError> {
  fake = await startFakeGitlab({
    tokensWithoutApiScope: ["glpat-read-only"],
    tokensWithoutSeat: ["glpat-no-seat"],
    tokensWithDuoDisabled: ["glpat-duo-off"],
    expiredTokens: ["glpat-expired"],
  });
  provider = createTestProvider({ fake, token });
  return failureOf(provider.send(upstreamRequest({ api: "anthropic-messages", model: "claude-sonnet-4-6" })));
}

describe("gitlab-duo errors say what is wrong and what to do", () => {
  it("an unknown personal access token: rejected, make a new one with the api scope", async () => {
    const error = await sendWithToken("glpat-wrong");
    expect(error.code).toBe("upstream_authentication");
    expect(error.upstream?.status).toBe(401);
    expect(error.message).toContain(
      "rejected the personal access token in GITLAB_TOKEN: it is invalid, expired or revoked",
    );
    expect(error.message).toContain('"api" scope');
    expect(error.message).toContain("/-/user_settings/personal_access_tokens");
  });

  it("an expired personal access token: says it has expired", async () => {
    const error = await sendWithToken("glpat-expired");
    expect(error.code).toBe("upstream_authentication");
    expect(error.message).toContain("it has expired");
  });

  it("a token without the api scope: names the missing scope", async () => {
    const error = await sendWithToken("glpat-read-only");
    expect(error.code).toBe("upstream_authentication");
    expect(error.upstream?.status).toBe(403);
    expect(error.message).toContain('lacks the "api" scope');
  });

  it("a user without a Duo seat: says so and who can assign one", async () => {
    const error = await sendWithToken("glpat-no-seat");
    expect(error.code).toBe("permission");
    expect(error.status).toBe(403);
    expect(error.message).toContain("has no GitLab Duo seat");
    expect(error.message).toContain("assign you a seat");
  });

  it("Duo turned off for the group: says so and where to turn it on", async () => {
    const error = await sendWithToken("glpat-duo-off");
    expect(error.code).toBe("permission");
    expect(error.message).toContain("GitLab Duo is turned off for your group");
    expect(error.message).toContain("Settings > GitLab Duo");
  });

  it("a gateway 429: rate_limited, with retry-after passed on", async () => {
    fake = await startFakeGitlab();
    provider = createTestProvider({ fake });
    fake.failNextGatewayRequest({ status: 429, retryAfter: 7 });
    const error = await failureOf(provider.send(upstreamRequest({ api: "openai-chat", model: "gpt-5.1-2025-11-13" })));
    expect(error.code).toBe("rate_limited");
    expect(error.retryable).toBe(true);
    expect(error.upstream?.retryAfter).toBe(7);
    expect(error.headers["retry-after"]).toBe("7");
    expect(error.message).toContain("Retry after 7 s");
  });

  it("a used-up quota stays quota_exceeded, not a rate limit (through an injected sendUpstream)", async () => {
    const started = await startFakeGitlab();
    fake = started;
    let calls = 0;
    provider = createTestProvider({
      fake: started,
      dependencies: {
        send: async (options) => {
          calls += 1;
          if (options.url.endsWith("/direct_access")) {
            return { status: 201, headers: {}, body: Readable.from([JSON.stringify({ token: "t", headers: {} })]) };
          }
          throw new GatewayError("quota_exceeded", "duo: You exceeded your current quota.", {
            upstream: { provider: "duo", status: 429, type: "insufficient_quota" },
          });
        },
      },
    });
    const error = await failureOf(
      provider.send(upstreamRequest({ api: "openai-chat", model: "gpt-5-mini-2025-08-07" })),
    );
    expect(error.code).toBe("quota_exceeded");
    expect(calls).toBe(2);
  });

  it("a gateway 403: permission, naming the model", async () => {
    fake = await startFakeGitlab();
    provider = createTestProvider({ fake });
    fake.failNextGatewayRequest({ status: 403 });
    const error = await failureOf(
      provider.send(upstreamRequest({ api: "anthropic-messages", model: "claude-opus-4-6" })),
    );
    expect(error.code).toBe("permission");
    expect(error.message).toContain("refused claude-opus-4-6 for this user");
  });

  it("a gateway 401 that survives a fresh token: upstream_authentication after exactly one retry", async () => {
    fake = await startFakeGitlab();
    provider = createTestProvider({ fake });
    fake.failNextGatewayRequest({ status: 401, body: { error: "Forbidden by auth provider" } });
    fake.failNextGatewayRequest({ status: 401, body: { error: "Forbidden by auth provider" } });
    const error = await failureOf(provider.send(upstreamRequest({ api: "openai-responses", model: "gpt-5-codex" })));
    expect(error.code).toBe("upstream_authentication");
    expect(error.message).toContain("refused a freshly issued direct-access token");
    expect(fake.state.gatewayRequests).toHaveLength(2);
    expect(fake.state.directAccessCalls).toBe(2);
  });

  it("count_tokens on a gateway without it (404): unsupported_feature, so the gateway estimates", async () => {
    fake = await startFakeGitlab({ offerCountTokens: false });
    provider = createTestProvider({ fake });
    const error = await failureOf(
      provider.send(
        upstreamRequest({ api: "anthropic-messages", model: "claude-opus-4-6", operation: "count_tokens" }),
      ),
    );
    expect(error.code).toBe("unsupported_feature");
    expect(error.message).toContain("estimated");
    expect(error.upstream?.status).toBe(404);
  });

  it("an invalid config entry: names the field", async () => {
    const started = await startFakeGitlab();
    fake = started;
    expect(() =>
      createTestProvider({ fake: started, config: { token: "x", models: { "duo-x": { apis: ["soap"] } } } }),
    ).toThrow(/provider "duo": models\.duo-x\.apis\[0\]/);
  });
});
