import { mkdir, writeFile } from "node:fs/promises";
import { createServer, type Server } from "node:net";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runDoctor } from "../../src/cli/commands/doctor.js";
import { setupClaudeCode } from "../../src/cli/commands/setup-claude-code.js";
import { setupCodex } from "../../src/cli/commands/setup-codex.js";
import { resolveConfig } from "../../src/config/index.js";
import { startServer, type RunningServer } from "../../src/server/node.js";
import { startFakeUpstream } from "../fake-upstream/index.js";
import type { FakeUpstream } from "../fake-upstream/types.js";
import { makeFakeHome, type FakeHome } from "../setup/fake-home.js";

const gatewayKey = "sk-doctor-gateway";
let fake: FakeUpstream;
let gateway: RunningServer;

function configYaml(options: { port: number; provider?: string }): string {
  const provider = options.provider ?? `up:\n    type: openai\n    base_url: ${fake.url}/v1\n    api_key: sk-up`;
  return `server:\n  port: ${options.port}\n  api_key: ${gatewayKey}\n  log_level: silent\nproviders:\n  ${provider}\nmodels:\n  fast: up/gpt-5.1\n`;
}

async function doctor(
  home: FakeHome,
  config: string,
  env: NodeJS.ProcessEnv = {},
): Promise<{ healthy: boolean; lines: string[] }> {
  const lines: string[] = [];
  const healthy = await runDoctor({
    target: { config },
    env: { HOME: home.home, PATH: "", ...env },
    cwd: home.cwd,
    write: (line) => lines.push(line),
    providerTimeoutMs: 5_000,
  });
  return { healthy, lines };
}

beforeAll(async () => {
  fake = await startFakeUpstream({ apiKey: "sk-up", models: ["gpt-5.1"] });
  const config = resolveConfig(
    {
      server: { api_key: gatewayKey, log_level: "silent" },
      providers: { up: { type: "openai", base_url: `${fake.url}/v1`, api_key: "sk-up" } },
    },
    {},
    { port: 0 },
  );
  gateway = await startServer({ config, port: 0 });
});
afterAll(async () => {
  await gateway.close();
  await fake.close();
});

describe("switchboard doctor", () => {
  it("passes every check on a healthy setup", async () => {
    const home = await makeFakeHome();
    const config = await home.writeConfig(configYaml({ port: gateway.port }));
    await setupClaudeCode({ config }, home.context());
    await setupCodex({ config, model: "gpt-5.1" }, home.context());
    const { healthy, lines } = await doctor(home, config, { SWITCHBOARD_API_KEY: gatewayKey });
    expect(lines, lines.join("\n")).toEqual(
      expect.arrayContaining([
        `✓ Config: ${config}`,
        "✓ Provider up (openai): reached and signed in; 1 models",
        "✓ Route fast → up/gpt-5.1: offered by up as gpt-5.1",
        `✓ Port ${gateway.port}: Switchboard answers at ${gateway.url}`,
        `✓ Claude Code: ${join(home.home, ".claude", "settings.json")} points here with a working key`,
        `✓ Codex: ${join(home.home, ".codex", "config.toml")} points here (provider switchboard) with a working key`,
        "– Claude Code version: not installed (npm install -g @anthropic-ai/claude-code)",
        "Everything checked is fine.",
      ]),
    );
    expect(lines.filter((line) => line.startsWith("✗"))).toEqual([]);
    expect(healthy).toBe(true);
  });

  it("names a missing Copilot sign-in and how to sign in", async () => {
    const home = await makeFakeHome();
    const config = await home.writeConfig(
      configYaml({ port: gateway.port, provider: "up:\n    type: github-copilot" }),
    );
    const { healthy, lines } = await doctor(home, config);
    const index = lines.findIndex((line) => line.startsWith("✗ Provider up (github-copilot): No GitHub sign-in found"));
    expect(index, lines.join("\n")).toBeGreaterThanOrEqual(0);
    expect(lines[index + 1]).toBe("    Fix: sign in with `switchboard login github` (or set GH_TOKEN)");
    expect(lines).toContain("✗ Route fast → up/gpt-5.1: no provider that could serve it answered");
    expect(healthy).toBe(false);
  });

  it("names an unreachable upstream", async () => {
    const home = await makeFakeHome();
    const closed = await freePort();
    const provider = `up:\n    type: openai\n    base_url: http://127.0.0.1:${closed}/v1\n    api_key: sk-up`;
    const config = await home.writeConfig(configYaml({ port: gateway.port, provider }));
    const { healthy, lines } = await doctor(home, config);
    const index = lines.findIndex((line) => line.startsWith("✗ Provider up (openai):"));
    expect(index, lines.join("\n")).toBeGreaterThanOrEqual(0);
    expect(lines[index + 1]).toBe(
      "    Fix: check that providers.up.base_url is right and the host is reachable from here",
    );
    expect(healthy).toBe(false);
  });

  it("names a client config pointing here with the wrong key", async () => {
    const home = await makeFakeHome();
    const config = await home.writeConfig(configYaml({ port: gateway.port }));
    const settings = join(home.home, ".claude", "settings.json");
    await mkdir(join(home.home, ".claude"));
    await writeFile(
      settings,
      JSON.stringify({ env: { ANTHROPIC_BASE_URL: gateway.url, ANTHROPIC_AUTH_TOKEN: "sk-wrong" } }),
    );
    const { healthy, lines } = await doctor(home, config);
    expect(lines).toContain(`✗ Claude Code: ${settings} points here but its key is not the gateway's (server.api_key)`);
    expect(lines).toContain("    Fix: run `switchboard setup claude-code`");
    expect(healthy).toBe(false);
  });

  it("names what overrides the user's Claude Code settings: a project's settings and the shell", async () => {
    const home = await makeFakeHome();
    const config = await home.writeConfig(configYaml({ port: gateway.port }));
    await setupClaudeCode({ config }, home.context());
    const local = join(home.cwd, ".claude", "settings.local.json");
    await mkdir(join(home.cwd, ".claude"));
    await writeFile(local, JSON.stringify({ env: { ANTHROPIC_BASE_URL: "https://router.example" } }));
    const { healthy, lines } = await doctor(home, config, { ANTHROPIC_API_KEY: "sk-ant-somebody-else" });
    expect(lines, lines.join("\n")).toEqual(
      expect.arrayContaining([
        `✓ Claude Code: ${join(home.home, ".claude", "settings.json")} points here with a working key`,
        `✗ Claude Code override: ${local} sets ANTHROPIC_BASE_URL=https://router.example, which wins over the user settings in this project`,
        "    Fix: remove it, or run `switchboard setup claude-code --project` here",
        "✗ Claude Code override: the shell environment ANTHROPIC_API_KEY is set; a settings file's env block replaces it only where that file sets the same variable",
        "    Fix: unset ANTHROPIC_API_KEY (check your shell profile)",
      ]),
    );
    expect(healthy).toBe(false);
  });

  it("names a Codex auth.json that does not parse instead of stopping", async () => {
    const home = await makeFakeHome();
    const config = await home.writeConfig(configYaml({ port: gateway.port }));
    await setupCodex({ config, builtin: true, model: "gpt-5.1" }, home.context());
    const authPath = join(home.home, ".codex", "auth.json");
    await writeFile(authPath, "{ not json");
    const { healthy, lines } = await doctor(home, config);
    const index = lines.findIndex((line) => line.startsWith(`✗ Codex: ${authPath} is not valid JSON`));
    expect(index, lines.join("\n")).toBeGreaterThanOrEqual(0);
    expect(lines[index + 1]).toBe("    Fix: fix the file, or run `switchboard setup codex --builtin`");
    // The checks after it still ran.
    expect(lines.at(-1)).toMatch(/problems? found\.$/);
    expect(healthy).toBe(false);
  });

  it("names a port held by another program", async () => {
    const home = await makeFakeHome();
    const holder = await holdPort();
    try {
      const port = (holder.address() as { port: number }).port;
      const config = await home.writeConfig(configYaml({ port }));
      const { healthy, lines } = await doctor(home, config);
      expect(lines, lines.join("\n")).toContain(`✗ Port ${port}: in use by another program on 127.0.0.1`);
      expect(lines).toContain("    Fix: stop that program, or set server.port (or PORT) to a free port");
      expect(healthy).toBe(false);
    } finally {
      holder.close();
    }
  });
});

function holdPort(): Promise<Server> {
  return new Promise((resolve) => {
    // Accepts connections and never answers: not an HTTP server, let alone Switchboard.
    const server = createServer(() => undefined);
    server.listen(0, "127.0.0.1", () => resolve(server));
  });
}

async function freePort(): Promise<number> {
  const server = await holdPort();
  const port = (server.address() as { port: number }).port;
  await new Promise((resolve) => server.close(resolve));
  return port;
}
