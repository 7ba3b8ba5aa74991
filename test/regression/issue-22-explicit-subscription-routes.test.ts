import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { resolveConfig } from "../../src/config/index.js";
import { startServer, type RunningServer } from "../../src/server/node.js";
import { readErrorShape } from "../e2e/support/routes.js";
import { startFakeGithub, type FakeGithub } from "../fake-github/start-fake-github.js";
import { startFakeGitlab, type FakeGitlab } from "../fake-gitlab/start-fake-gitlab.js";

// Issue 22 on the subscription providers: a `provider/model` the account's model list (Copilot's
// GET /models, Duo's table) lacks is still sent, through the API its name suggests, and the
// upstream's own answer reaches the client.

const gatewayKey = "sk-gateway-subscriptions";

describe("explicit routes to models the Copilot and Duo lists lack", () => {
  let github: FakeGithub;
  let gitlab: FakeGitlab;
  let server: RunningServer;
  let home: string;
  beforeAll(async () => {
    github = await startFakeGithub();
    gitlab = await startFakeGitlab();
    home = await mkdtemp(join(tmpdir(), "switchboard-explicit-subs-"));
    const config = resolveConfig(
      {
        server: { api_key: gatewayKey, log_level: "silent" },
        providers: {
          copilot: {
            type: "github-copilot",
            token: "ghu_valid",
            github_url: github.githubUrl,
            github_api_url: github.apiUrl,
          },
          duo: {
            type: "gitlab-duo",
            token: "glpat-valid",
            instance_url: gitlab.instanceUrl,
            gateway_url: gitlab.gatewayUrl,
          },
        },
        models: { "copilot-new": "copilot/claude-unlisted-9", "duo-new": "duo/claude-unlisted-9" },
        routing: { max_retries: 0 },
      },
      {},
      { port: 0 },
    );
    server = await startServer({
      config,
      port: 0,
      host: "127.0.0.1",
      env: { HOME: home },
      configDir: join(home, "switchboard"),
    });
  });
  afterAll(async () => {
    await server?.close();
    await github?.close();
    await gitlab?.close();
    await rm(home, { recursive: true, force: true });
  });

  async function send(model: string) {
    const response = await fetch(`${server.url}/v1/messages`, {
      method: "POST",
      headers: { "content-type": "application/json", "x-api-key": gatewayKey, "anthropic-version": "2023-06-01" },
      body: JSON.stringify({ model, max_tokens: 32, messages: [{ role: "user", content: "Hi" }] }),
    });
    return { status: response.status, body: (await response.json()) as unknown };
  }

  it("Copilot: the unlisted Claude model goes to its Messages endpoint, and Copilot's refusal reaches the client", async () => {
    const answer = await send("copilot-new");
    const sent = github.state.apiRequests.filter((request) => request.path.startsWith("/copilot/v1/messages"));
    expect(sent.map((request) => (request.body as { model?: unknown }).model)).toEqual(["claude-unlisted-9"]);
    // Copilot's "model not supported" is a policy refusal (403 permission_error), with Copilot's own words.
    expect(answer.status).toBe(403);
    expect(readErrorShape("anthropic-messages", answer.body)).toMatchObject({
      type: "permission_error",
      message: expect.stringContaining("not supported") as unknown,
    });
  });

  it("Duo: the unlisted Claude model goes to the Anthropic proxy as written, and its answer reaches the client", async () => {
    const answer = await send("duo-new");
    const sent = gitlab.state.gatewayRequests.filter((request) => request.path.includes("/proxy/anthropic/"));
    expect(sent.map((request) => (request.body as { model?: unknown }).model)).toEqual(["claude-unlisted-9"]);
    expect(answer.status).toBe(200);
  });
});
