import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { resolveConfig, type ConfigFile } from "../../src/config/index.js";
import { createSilentLogger } from "../../src/lib/logger.js";
import { startServer, type RunningServer } from "../../src/server/node.js";
import { createMemoryUsageSink } from "../../src/store/log-usage-sink.js";
import { openUsageStore } from "../../src/store/open-usage-store.js";
import { baseStoreOptions } from "../../src/store/testing/test-engines.js";
import type { UsageSink } from "../../src/store/usage-record.js";
import type { UsageStore } from "../../src/store/usage-store.js";
import { startFakeGithub, type FakeGithub } from "../fake-github/start-fake-github.js";
import { startFakeGitlab, type FakeGitlab } from "../fake-gitlab/start-fake-gitlab.js";
import { startFakeUpstream } from "../fake-upstream/index.js";
import type { FakeUpstream } from "../fake-upstream/types.js";
// @ts-expect-error -- a plain ES module without types (the build script).
import { buildDashboard } from "../../dashboard/build.mjs";

export const dashboardKey = "sk-dashboard-test";
export const upstreamKey = "sk-upstream-test";
/** A prompt holding this finds the fake's gpt-big answering 429 with `retry-after: 60`. */
export const rateLimitGptBig = "[rate-limit gpt-big]";
/** The fake GitLab's personal access token: never to appear in a page. */
export const gitlabToken = "glpat-valid";

export interface DashboardStack {
  server: RunningServer;
  url: string;
  fake: FakeUpstream;
  github: FakeGithub;
  /** GitLab and its AI gateway behind the `duo` provider (route `duo-sonnet`). */
  gitlab: FakeGitlab;
  configDir: string;
  /** Sends one Chat Completions request through the gateway (fake upstream behind), with `key` if given, else the stack's; streamed if asked. */
  chat(model?: string, init?: { user?: string; session?: string; key?: string; stream?: boolean }): Promise<Response>;
  /** Stops the gateway and starts it again on the same port, as after a restart (the store's file is kept). */
  restart(pauseMs?: number): Promise<void>;
  close(): Promise<void>;
}

let built: Promise<string> | undefined;

/** The front-end, built once per test file into a temporary folder (the same esbuild step as `npm run build`). */
export function builtAssets(): Promise<string> {
  built ??= mkdtemp(join(tmpdir(), "switchboard-dashboard-assets-")).then(
    (folder) => buildDashboard(folder) as Promise<string>,
  );
  return built;
}

/**
 * A gateway with the dashboard, an OpenAI-shaped provider on the fake upstream (routes `fast`
 * and `careful`, the second falling back to the first), and Copilot pointed at the fake GitHub
 * with nobody signed in yet, and GitLab Duo on the fake GitLab (route `duo-sonnet`). HOME is an
 * empty temporary folder: no real login leaks in.
 */
export async function startDashboardStack(
  options: {
    apiKey?: string;
    usageSink?: UsageSink;
    host?: string;
    withStore?: boolean;
    /** Tool servers behind `/mcp` (the Tools page). */
    mcpServers?: ConfigFile["mcp_servers"];
  } = {},
): Promise<DashboardStack> {
  const home = await mkdtemp(join(tmpdir(), "switchboard-dashboard-home-"));
  const configDir = join(home, "switchboard");
  const env = { HOME: home, XDG_CONFIG_HOME: home };
  const fake = await startFakeUpstream({
    apiKey: upstreamKey,
    models: ["gpt-test", "gpt-big"],
    script: (call) =>
      // A request whose prompt says so finds gpt-big rate-limited for a minute (a cooldown on the Routes page).
      JSON.stringify(call.body).includes(rateLimitGptBig) &&
      (call.body as { model?: string } | undefined)?.model === "gpt-big"
        ? {
            error: {
              status: 429,
              headers: { "retry-after": "60" },
              body: { error: { message: "gpt-big is busy", type: "rate_limit_error" } },
            },
          }
        : {
            text: "Hello from the fake upstream.",
            usage: { inputTokens: 21, outputTokens: 9, cacheReadTokens: 14 },
            // A stream that takes time after its first chunk: the Overview's tokens per second has something to measure.
            ...((call.body as { stream?: boolean } | undefined)?.stream === true ? { chunkDelayMs: 20 } : {}),
          },
  });
  const github = await startFakeGithub({
    githubTokens: [],
    deviceInterval: 1,
    deviceAnswers: ["authorization_pending", "success"],
  });
  const gitlab = await startFakeGitlab();
  const file: ConfigFile = {
    server: { log_level: "silent", ...(options.apiKey === undefined ? {} : { api_key: options.apiKey }) },
    providers: {
      openai: { type: "openai", base_url: `${fake.url}/v1`, api_key: upstreamKey, models: ["gpt-test", "gpt-big"] },
      copilot: { type: "github-copilot", github_url: github.githubUrl, github_api_url: github.apiUrl },
      duo: {
        type: "gitlab-duo",
        token: gitlabToken,
        instance_url: gitlab.instanceUrl,
        gateway_url: gitlab.gatewayUrl,
      },
    },
    models: {
      fast: ["openai/gpt-test"],
      careful: { deployments: ["openai/gpt-big"], fallbacks: ["fast"] },
      "duo-sonnet": ["duo/claude-sonnet-4-6"],
    },
    store: { bodies: true },
    ...(options.mcpServers === undefined ? {} : { mcp_servers: options.mcpServers }),
  };
  const config = resolveConfig(file, env, { port: 0 });
  const logger = createSilentLogger();
  const assetsDir = await builtAssets();
  /** The gateway, on `port` (0: any); with its own store on the SQLite file in HOME when asked. */
  const start = async (port: number): Promise<RunningServer> => {
    const usageStore: UsageStore | undefined =
      options.withStore === true
        ? await openUsageStore({ store: baseStoreOptions({ path: join(home, "usage.sqlite"), bodies: true }), logger })
        : undefined;
    return startServer({
      config,
      port,
      host: options.host ?? "127.0.0.1",
      env,
      configDir,
      logger,
      usageSink: options.usageSink ?? createMemoryUsageSink(),
      ...(usageStore === undefined ? {} : { usageStore }),
      dashboard: { assetsDir },
    });
  };
  let server = await start(0);
  const stack: DashboardStack = {
    server,
    url: server.url,
    fake,
    github,
    gitlab,
    configDir,
    chat: (model = "fast", init = {}) =>
      fetch(`${server.url}/v1/chat/completions`, {
        method: "POST",
        headers: {
          "content-type": "application/json",
          ...((init.key ?? options.apiKey) === undefined
            ? {}
            : { authorization: `Bearer ${init.key ?? options.apiKey}` }),
          // Claude Code's session header: the store groups requests by it.
          ...(init.session === undefined ? {} : { "x-claude-code-session-id": init.session }),
        },
        body: JSON.stringify({
          model,
          messages: [{ role: "user", content: init.user ?? "Hello" }],
          ...(init.stream === true ? { stream: true, stream_options: { include_usage: true } } : {}),
        }),
      }),
    async restart(pauseMs = 0) {
      const port = server.port;
      await server.close();
      await new Promise((resolve) => setTimeout(resolve, pauseMs));
      server = await start(port);
      stack.server = server;
    },
    async close() {
      await server.close();
      await fake.close();
      await github.close();
      await gitlab.close();
      await rm(home, { recursive: true, force: true });
    },
  };
  return stack;
}
