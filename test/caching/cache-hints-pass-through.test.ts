import { readFile } from "node:fs/promises";
import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { request } from "undici";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { resolveConfig, type ConfigFile } from "../../src/config/index.js";
import { startServer, type RunningServer } from "../../src/server/node.js";
import { gatewayKey } from "../conformance/support/gateway-config.js";
import { startFakeGithub, type FakeGithub } from "../fake-github/start-fake-github.js";
import { FakePromptCache } from "../fake-upstream/fake-prompt-cache.js";
import { startFakeUpstream, type FakeUpstream } from "../fake-upstream/index.js";
import { codexSessionRequests } from "./codex-session.js";

const claudeCodeFixture = new URL(
  "../../src/translate/anthropic-messages/__fixtures__/anthropic-claude-code-request.1.json",
  import.meta.url,
);

let upstream: FakeUpstream;
let copilot: FakeGithub;
let server: RunningServer;

beforeAll(async () => {
  upstream = await startFakeUpstream({
    models: ["claude-opus-4-8", "gpt-5.1-codex"],
    promptCache: new FakePromptCache(),
  });
  copilot = await startFakeGithub({ promptCache: new FakePromptCache() });
  const home = await mkdtemp(join(tmpdir(), "switchboard-cache-hints-"));
  const file: ConfigFile = {
    server: { api_key: gatewayKey, log_level: "silent" },
    providers: {
      anthropic: { type: "anthropic", base_url: upstream.url, api_key: "test-key", models: ["claude-opus-4-8"] },
      chat: {
        type: "openai",
        base_url: `${upstream.url}/v1`,
        api_key: "test-key",
        models: [{ id: "gpt-5.1-codex", apis: ["openai-chat"] }],
      },
      responses: {
        type: "openai",
        base_url: `${upstream.url}/v1`,
        api_key: "test-key",
        models: [{ id: "gpt-5.1-codex", apis: ["openai-responses"] }],
      },
      copilot: {
        type: "github-copilot",
        token: "ghu_valid",
        github_url: copilot.githubUrl,
        github_api_url: copilot.apiUrl,
      },
    },
    models: {
      "claude-opus-4-8": "anthropic/claude-opus-4-8",
      "claude-sonnet-4-5": "copilot/claude-sonnet-4.5",
      "codex-via-chat": "chat/gpt-5.1-codex",
      "codex-via-responses": "responses/gpt-5.1-codex",
    },
    routing: { max_retries: 0 },
  };
  server = await startServer({
    config: resolveConfig(file, {}, { port: 0 }),
    port: 0,
    host: "127.0.0.1",
    env: { HOME: home },
    configDir: join(home, "switchboard"),
  });
});
afterAll(async () => {
  await server?.close();
  await upstream?.close();
  await copilot?.close();
});

async function post(path: string, body: string, headers: Record<string, string>): Promise<number> {
  const answer = await request(`${server.url}${path}`, {
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    body,
  });
  await answer.body.text();
  return answer.statusCode;
}

const claudeCodeHeaders = {
  "x-api-key": gatewayKey,
  "anthropic-version": "2023-06-01",
  "anthropic-beta": "claude-code-20250219,prompt-caching-scope-2026-01-05",
};

async function claudeCodeBody(model: string): Promise<string> {
  const { "//": _origin, ...body } = JSON.parse(await readFile(claudeCodeFixture, "utf8")) as Record<string, unknown>;
  return JSON.stringify({ ...body, model });
}

describe("a client's own cache hints arrive unchanged", () => {
  it("Claude Code's breakpoints reach Anthropic byte for byte (passthrough)", async () => {
    const body = await claudeCodeBody("claude-opus-4-8");
    expect(await post("/v1/messages?beta=true", body, claudeCodeHeaders)).toBe(200);
    const call = upstream.calls.filter((entry) => entry.api === "anthropic-messages").at(-1);
    expect(call?.rawBody).toBe(body);
  });

  it("Claude Code's breakpoints reach Copilot's Messages endpoint unchanged (only the model id is Copilot's)", async () => {
    const body = await claudeCodeBody("claude-sonnet-4-5");
    expect(await post("/v1/messages?beta=true", body, claudeCodeHeaders)).toBe(200);
    const call = copilot.state.apiRequests.filter((entry) => entry.path.startsWith("/copilot/v1/messages")).at(-1);
    const expected = JSON.parse(body) as Record<string, unknown>;
    expect(JSON.stringify(call?.body)).toBe(JSON.stringify({ ...expected, model: "claude-sonnet-4.5" }));
  });

  for (const [name, model, api] of [
    ["a Chat upstream", "codex-via-chat", "openai-chat"],
    ["a Responses upstream", "codex-via-responses", "openai-responses"],
  ] as const) {
    it(`Codex's prompt_cache_key reaches ${name}`, async () => {
      const codex = (await codexSessionRequests())[1] as Record<string, unknown>;
      const key = codex["prompt_cache_key"];
      expect(typeof key).toBe("string");
      const status = await post("/v1/responses", JSON.stringify({ ...codex, model }), {
        authorization: `Bearer ${gatewayKey}`,
      });
      expect(status).toBe(200);
      const call = upstream.calls.filter((entry) => entry.api === api).at(-1);
      expect((call?.body as Record<string, unknown>)["prompt_cache_key"]).toBe(key);
    });
  }
});
