import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Anthropic from "@anthropic-ai/sdk";
import { describe, expect, it } from "vitest";
import { loadConfig } from "../../../src/config/index.js";
import { startServer } from "../../../src/server/node.js";
import { startFakeGithub } from "../../fake-github/start-fake-github.js";
import { startFakeGitlab } from "../../fake-gitlab/start-fake-gitlab.js";

/** A fresh HOME and working directory: no config file, no saved login, no `.env`. */
async function emptyMachine(): Promise<{ home: string; cwd: string }> {
  return {
    home: await mkdtemp(join(tmpdir(), "switchboard-envonly-home-")),
    cwd: await mkdtemp(join(tmpdir(), "switchboard-envonly-cwd-")),
  };
}

async function serveFromEnvironment(env: NodeJS.ProcessEnv, cwd: string) {
  const loaded = await loadConfig({ cwd, env, flags: { port: 0, host: "127.0.0.1" } });
  expect(loaded.source).toBeUndefined();
  const server = await startServer({ config: loaded.config, env: loaded.env, configDir: loaded.configDir });
  return { loaded, server };
}

async function modelIds(url: string): Promise<string[]> {
  const response = await fetch(`${url}/v1/models`);
  expect(response.status).toBe(200);
  return ((await response.json()) as { data: { id: string }[] }).data.map((model) => model.id);
}

describe("with no config file, a subscription token in the environment is enough", () => {
  it("GH_TOKEN: the Copilot models are listed and served", async () => {
    const github = await startFakeGithub();
    const { home, cwd } = await emptyMachine();
    const { loaded, server } = await serveFromEnvironment(
      {
        HOME: home,
        XDG_CONFIG_HOME: join(home, ".config"),
        GH_TOKEN: "ghu_valid",
        GITHUB_COPILOT_ENDPOINT: github.apiUrl,
      },
      cwd,
    );
    try {
      expect(loaded.implicitProviders).toEqual(["copilot"]);
      const ids = await modelIds(server.url);
      expect(ids).toEqual(expect.arrayContaining(["copilot/claude-sonnet-4.5", "copilot/gpt-5.1-codex"]));
      const client = new Anthropic({ apiKey: "unused", baseURL: server.url, maxRetries: 0 });
      const message = await client.messages.create({
        model: "claude-sonnet-4-5-20250929",
        max_tokens: 100,
        messages: [{ role: "user", content: "hi" }],
      });
      expect(message.content[0]).toMatchObject({ type: "text", text: "Hello from fake Copilot" });
      expect(github.state.apiRequests.at(-1)?.headers["authorization"]).toMatch(/^Bearer tid=fake/);
    } finally {
      await server.close();
      await github.close();
    }
  });

  it("GITLAB_TOKEN: the Duo models are listed and served", async () => {
    const gitlab = await startFakeGitlab();
    const { home, cwd } = await emptyMachine();
    const { loaded, server } = await serveFromEnvironment(
      {
        HOME: home,
        XDG_CONFIG_HOME: join(home, ".config"),
        GITLAB_TOKEN: "glpat-valid",
        GITLAB_INSTANCE_URL: gitlab.instanceUrl,
        GITLAB_AI_GATEWAY_URL: gitlab.gatewayUrl,
      },
      cwd,
    );
    try {
      expect(loaded.implicitProviders).toEqual(["duo"]);
      const ids = await modelIds(server.url);
      expect(ids).toEqual(expect.arrayContaining(["duo/claude-sonnet-4-5-20250929", "duo/gpt-5.1-2025-11-13"]));
      const client = new Anthropic({ apiKey: "unused", baseURL: server.url, maxRetries: 0 });
      const message = await client.messages.create({
        model: "duo-chat-sonnet-4-5",
        max_tokens: 100,
        messages: [{ role: "user", content: "hi" }],
      });
      expect(message.content[0]).toMatchObject({ type: "text", text: "Hello from Duo." });
      expect(gitlab.state.directAccessRequests[0]?.headers["authorization"]).toBe("Bearer glpat-valid");
    } finally {
      await server.close();
      await gitlab.close();
    }
  });
});
