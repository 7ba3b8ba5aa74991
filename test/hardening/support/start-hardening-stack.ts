import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { resolveConfig } from "../../../src/config/index.js";
import type { WireApi } from "../../../src/protocols/wire-api.js";
import { startServer } from "../../../src/server/node.js";
import { startFakeGithub } from "../../fake-github/start-fake-github.js";
import { startFakeGitlab } from "../../fake-gitlab/start-fake-gitlab.js";
import { startFakeUpstream } from "../../fake-upstream/index.js";

export const hardeningKey = "sk-gateway-hardening";
const upstreamKey = "sk-upstream-hardening";
const fakeModel = "fake-model";

/** One kind of route a client request can take: the alias to ask for and where it lands. */
export interface RouteKind {
  alias: string;
  upstream: "fake" | "copilot" | "duo";
  upstreamApi: WireApi;
}

/** The three vendor APIs on the fake upstream, and the Copilot and Duo fakes with a model per API. */
export const routeKinds: RouteKind[] = [
  { alias: "to-openai-chat", upstream: "fake", upstreamApi: "openai-chat" },
  { alias: "to-openai-responses", upstream: "fake", upstreamApi: "openai-responses" },
  { alias: "to-anthropic-messages", upstream: "fake", upstreamApi: "anthropic-messages" },
  { alias: "copilot-claude", upstream: "copilot", upstreamApi: "anthropic-messages" },
  { alias: "copilot-codex", upstream: "copilot", upstreamApi: "openai-responses" },
  { alias: "copilot-chat", upstream: "copilot", upstreamApi: "openai-chat" },
  { alias: "duo-claude", upstream: "duo", upstreamApi: "anthropic-messages" },
  { alias: "duo-chat", upstream: "duo", upstreamApi: "openai-chat" },
  { alias: "duo-codex", upstream: "duo", upstreamApi: "openai-responses" },
];

export interface HardeningStack {
  url: string;
  close(): Promise<void>;
}

/**
 * The gateway in-process on loopback port 0 with one provider per upstream API on the fake
 * upstream (each reaching its one model through that API only), the Copilot fake and the Duo fake,
 * and an alias per route kind. Every fake answers with its default text.
 */
export async function startHardeningStack(): Promise<HardeningStack> {
  const fake = await startFakeUpstream({ apiKey: upstreamKey, models: [fakeModel] });
  const github = await startFakeGithub();
  const gitlab = await startFakeGitlab();
  const home = await mkdtemp(join(tmpdir(), "switchboard-hardening-"));
  const openAiProvider = (api: WireApi) => ({
    type: "openai-compatible",
    base_url: `${fake.url}/v1`,
    api_key: upstreamKey,
    models: [{ id: fakeModel, apis: [api] }],
  });
  const config = resolveConfig(
    {
      server: { api_key: hardeningKey, log_level: "silent" },
      providers: {
        chat: openAiProvider("openai-chat"),
        responses: openAiProvider("openai-responses"),
        anthropic: { type: "anthropic", base_url: fake.url, api_key: upstreamKey, models: [fakeModel] },
        copilot: {
          type: "github-copilot",
          token: "ghu_valid",
          github_url: github.githubUrl,
          github_api_url: github.apiUrl,
          // Pacing (one start per 250 ms by default) has its own tests; here it would make the
          // run's time that of the queue, not of the gateway's input handling.
          max_concurrency: 96,
          min_request_interval_ms: 0,
        },
        duo: {
          type: "gitlab-duo",
          token: "glpat-valid",
          instance_url: gitlab.instanceUrl,
          gateway_url: gitlab.gatewayUrl,
        },
      },
      models: {
        "to-openai-chat": `chat/${fakeModel}`,
        "to-openai-responses": `responses/${fakeModel}`,
        "to-anthropic-messages": `anthropic/${fakeModel}`,
        "copilot-claude": "copilot/claude-sonnet-4.5",
        "copilot-codex": "copilot/gpt-5.1-codex",
        "copilot-chat": "copilot/gpt-4.1",
        "duo-claude": "duo/duo-chat-sonnet-4-5",
        "duo-chat": "duo/duo-chat-gpt-5-1",
        "duo-codex": "duo/duo-chat-gpt-5-codex",
      },
      routing: { max_retries: 0 },
    },
    {},
    { port: 0 },
  );
  const server = await startServer({
    config,
    port: 0,
    host: "127.0.0.1",
    env: { HOME: home },
    configDir: join(home, "switchboard"),
  });
  return {
    url: server.url,
    async close() {
      await server.close();
      await Promise.all([fake.close(), github.close(), gitlab.close()]);
      await rm(home, { recursive: true, force: true });
    },
  };
}
