/**
 * The gateways measured side by side: the floor proxy, Switchboard, and the peers installed
 * from npm on demand into bench/.peers (Portkey gateway, claude-code-router).
 */
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { startProcess, waitForPort, type Launch, type RunningProcess } from "./processes.js";
import { clientPaths, type Api, type Scenario } from "./scenarios.js";

export interface RouteFor {
  model: string;
  headers: Record<string, string>;
}

export interface Target {
  name: string;
  /** `launch`: run under a tool (floor and Switchboard only; the peers ignore it). */
  start(upstreamUrl: string, port: number, launch?: Launch): Promise<RunningProcess>;
  /** How to send this scenario to the target, or undefined when it cannot serve it. */
  route(scenario: Scenario, upstreamUrl: string): RouteFor | undefined;
}

const benchDir = new URL(".", import.meta.url).pathname;
const rootDir = join(benchDir, "..");
const peersDir = join(benchDir, ".peers");
const peerPackages = ["@portkey-ai/gateway@1.15.2", "@musistudio/claude-code-router@2.0.0"];

export function installPeers(): boolean {
  if (
    existsSync(join(peersDir, "node_modules", "@portkey-ai", "gateway")) &&
    existsSync(join(peersDir, "node_modules", "@musistudio", "claude-code-router"))
  )
    return true;
  mkdirSync(peersDir, { recursive: true });
  if (!existsSync(join(peersDir, "package.json"))) writeFileSync(join(peersDir, "package.json"), '{"private":true}\n');
  try {
    execFileSync("npm", ["install", "--no-audit", "--no-fund", "--ignore-scripts", ...peerPackages], {
      cwd: peersDir,
      stdio: "ignore",
    });
    return true;
  } catch {
    return false;
  }
}

const upstreamModel = "bench-model";

export const floorTarget: Target = {
  name: "floor (node:http + undici)",
  async start(upstreamUrl, port, launch) {
    const running = startProcess(
      process.execPath,
      ["--import", "tsx", join(benchDir, "floor-proxy.ts"), "--port", String(port), "--upstream", upstreamUrl],
      { cwd: rootDir, ...(launch === undefined ? {} : { launch }) },
    );
    await waitForPort(port, launch?.startTimeoutMs);
    return running;
  },
  route(scenario) {
    // The floor cannot translate: it forwards the client's body to the same API upstream.
    return scenario.kind === "passthrough"
      ? { model: upstreamModel, headers: {} }
      : { model: upstreamModel, headers: {} };
  },
};

const switchboardModels: Record<Api, string> = {
  "openai-chat": "to-chat",
  "anthropic-messages": "to-anthropic",
  "openai-responses": "to-responses",
};

/**
 * The Node flags the `switchboard` command starts with (its `#!/usr/bin/env -S node …` line): the
 * bench starts each build as a user's shell would.
 */
function commandNodeFlags(root: string): string[] {
  const firstLine = readFileSync(join(root, "bin", "switchboard.js"), "utf8").split("\n", 1)[0] ?? "";
  const match = /^#!\/usr\/bin\/env -S node (.+)$/.exec(firstLine);
  return match?.[1]?.split(" ").filter(Boolean) ?? [];
}

/** Switchboard as built in `root` (this checkout, or another build for `compare-builds.ts`). */
export function switchboardTargetAt(root: string, name: string): Target {
  return {
    name,
    async start(upstreamUrl, port, launch) {
      const configPath = join(benchDir, ".results", `switchboard-bench-${port}.yaml`);
      mkdirSync(join(configPath, ".."), { recursive: true });
      writeFileSync(
        configPath,
        [
          `server: { host: 127.0.0.1, port: ${port} }`,
          "providers:",
          `  anthropic: { type: anthropic, base_url: "${upstreamUrl}", api_key: bench, models: [${upstreamModel}] }`,
          `  openai: { type: openai, base_url: "${upstreamUrl}/v1", api_key: bench, models: [${upstreamModel}] }`,
          `  chat: { type: openai-compatible, base_url: "${upstreamUrl}/v1", api_key: bench, models: [${upstreamModel}] }`,
          "models:",
          `  to-anthropic: anthropic/${upstreamModel}`,
          `  to-chat: chat/${upstreamModel}`,
          `  to-responses: openai/${upstreamModel}`,
          // The store's own cost is measured by store-overhead.ts (off, SQLite, PostgreSQL side by side).
          "store: { enabled: false }",
          "",
        ].join("\n"),
      );
      const running = startProcess(
        process.execPath,
        [
          ...commandNodeFlags(root),
          // Node flags for an experiment on the gateway alone (e.g. a GC setting), from the environment.
          ...(process.env["BENCH_SWITCHBOARD_NODE_FLAGS"]?.split(" ").filter(Boolean) ?? []),
          join(root, "bin", "switchboard.js"),
          "start",
          "--config",
          configPath,
        ],
        {
          cwd: root,
          env: { LOG_LEVEL: process.env["BENCH_LOG_LEVEL"] ?? "warn" },
          ...(launch === undefined ? {} : { launch }),
        },
      );
      await waitForPort(port, launch?.startTimeoutMs);
      return running;
    },
    route(scenario) {
      return { model: switchboardModels[scenario.upstreamApi], headers: {} };
    },
  };
}

export const switchboardTarget: Target = switchboardTargetAt(rootDir, "switchboard");

export const portkeyTarget: Target = {
  name: "portkey 1.15.2",
  async start(_upstreamUrl, port) {
    const entry = join(peersDir, "node_modules", "@portkey-ai", "gateway", "build", "start-server.js");
    // `--headless` skips the UI; the upstream is chosen per request by headers (`route` below).
    const running = startProcess(process.execPath, [entry, `--port=${port}`, "--headless"], { cwd: peersDir });
    await waitForPort(port);
    return running;
  },
  route(scenario, upstreamUrl) {
    if (scenario.kind !== "passthrough") return undefined;
    const anthropic = scenario.upstreamApi === "anthropic-messages";
    return {
      model: upstreamModel,
      headers: {
        "x-portkey-provider": anthropic ? "anthropic" : "openai",
        // Portkey appends the API's path without /v1 (`/chat/completions`, `/messages`, `/responses`).
        "x-portkey-custom-host": `${upstreamUrl}/v1`,
        ...(anthropic
          ? { "x-api-key": "bench", "anthropic-version": "2023-06-01" }
          : { authorization: "Bearer bench" }),
      },
    };
  },
};

export const claudeCodeRouterTarget: Target = {
  name: "claude-code-router 2.0.0",
  async start(upstreamUrl, port) {
    // ccr reads ~/.claude-code-router/config.json: a temporary HOME keeps the user's own config out of it.
    const home = mkdtempSync(join(tmpdir(), "switchboard-bench-ccr-"));
    mkdirSync(join(home, ".claude-code-router"), { recursive: true });
    writeFileSync(
      join(home, ".claude-code-router", "config.json"),
      JSON.stringify({
        PORT: port,
        HOST: "127.0.0.1",
        LOG: false,
        Providers: [
          {
            name: "fake",
            api_base_url: `${upstreamUrl}/v1/chat/completions`,
            api_key: "bench",
            models: [upstreamModel],
          },
        ],
        Router: { default: `fake,${upstreamModel}` },
      }),
    );
    const cli = join(peersDir, "node_modules", "@musistudio", "claude-code-router", "dist", "cli.js");
    const running = startProcess(process.execPath, [cli, "start"], {
      cwd: home,
      env: { HOME: home, SERVICE_PORT: String(port) },
    });
    await waitForPort(port, 60_000);
    // `ccr start` 2.0.0 serves in the foreground; should a version hand the server to another
    // process, measure the pid it records.
    const pidFile = join(home, ".claude-code-router", ".claude-code-router.pid");
    if (existsSync(pidFile)) {
      const pid = Number(readFileSync(pidFile, "utf8").trim());
      if (pid > 0 && pid !== running.pid) {
        return {
          ...running,
          pid,
          stop: async () => {
            try {
              process.kill(pid, "SIGTERM");
            } catch {
              // Already gone.
            }
            await running.stop();
          },
        };
      }
    }
    return running;
  },
  route(scenario) {
    if (scenario.clientApi !== "anthropic-messages" || scenario.upstreamApi !== "openai-chat") return undefined;
    return { model: upstreamModel, headers: { "x-api-key": "bench", "anthropic-version": "2023-06-01" } };
  },
};

/** What wrk sends to one target for one scenario; undefined when the target cannot serve it. */
export function loadFor(
  target: Target,
  scenario: Scenario,
  port: number,
  upstreamUrl: string,
): { url: string; body: string; headers: Record<string, string> } | undefined {
  const route = target.route(scenario, upstreamUrl);
  if (route === undefined) return undefined;
  return {
    url: `http://127.0.0.1:${port}${clientPaths[scenario.clientApi]}`,
    body: scenario.body(route.model),
    headers: {
      authorization: "Bearer bench",
      "x-api-key": "bench",
      "anthropic-version": "2023-06-01",
      ...route.headers,
    },
  };
}
