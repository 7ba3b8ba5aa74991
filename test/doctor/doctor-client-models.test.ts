import { mkdir, writeFile } from "node:fs/promises";
import { createServer } from "node:net";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runDoctor } from "../../src/cli/commands/doctor.js";
import { setupClaudeCode } from "../../src/cli/commands/setup-claude-code.js";
import { setupCodex } from "../../src/cli/commands/setup-codex.js";
import { startFakeGithub, type FakeGithub } from "../fake-github/start-fake-github.js";
import { makeFakeHome, type FakeHome } from "../setup/fake-home.js";

// The fake Copilot lists claude-opus-4.8 with `policy.state: "unconfigured"` and refuses it with a 403.
let github: FakeGithub;
let port: number;

async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((done) => server.listen(0, "127.0.0.1", done));
  const taken = (server.address() as { port: number }).port;
  await new Promise((done) => server.close(done));
  return taken;
}

async function writeConfig(home: FakeHome): Promise<string> {
  return home.writeConfig(
    [
      `server:\n  port: ${port}\n  log_level: silent\nproviders:\n  copilot:\n    type: github-copilot\n    token: ghu_valid`,
      `    github_url: ${github.githubUrl}\n    github_api_url: ${github.apiUrl}\n`,
    ].join("\n"),
  );
}

async function doctor(home: FakeHome, config: string): Promise<{ healthy: boolean; lines: string[] }> {
  const lines: string[] = [];
  const healthy = await runDoctor({
    target: { config },
    env: { HOME: home.home, PATH: "", SWITCHBOARD_API_KEY: "any" },
    cwd: home.cwd,
    write: (line) => lines.push(line),
    providerTimeoutMs: 5_000,
  });
  return { healthy, lines };
}

beforeAll(async () => {
  github = await startFakeGithub();
  port = await closedPort();
});
afterAll(() => github.close());

describe("switchboard doctor: the models the clients' settings ask for", () => {
  it("fails a tier model the Copilot account has not enabled and a Codex model nothing routes, with the fix", async () => {
    const home = await makeFakeHome();
    const config = await writeConfig(home);
    const url = `http://127.0.0.1:${port}`;
    // What an earlier setup wrote, picking by name only.
    await mkdir(join(home.home, ".claude"));
    await writeFile(
      join(home.home, ".claude", "settings.json"),
      JSON.stringify({
        env: {
          ANTHROPIC_BASE_URL: url,
          ANTHROPIC_AUTH_TOKEN: "any",
          ANTHROPIC_DEFAULT_OPUS_MODEL: "copilot/claude-opus-4.8",
          ANTHROPIC_DEFAULT_SONNET_MODEL: "copilot/claude-sonnet-4.5",
        },
      }),
    );
    await mkdir(join(home.home, ".codex"));
    await writeFile(
      join(home.home, ".codex", "config.toml"),
      `model = "gpt-6.1-sol"\nmodel_provider = "switchboard"\n\n[model_providers.switchboard]\nname = "Switchboard"\nbase_url = "${url}/v1"\nenv_key = "SWITCHBOARD_API_KEY"\nwire_api = "responses"\n`,
    );
    const { healthy, lines } = await doctor(home, config);
    const at = (prefix: string): string[] => {
      const index = lines.findIndex((line) => line.startsWith(prefix));
      return lines.slice(index, index + 2);
    };
    expect(at("✗ Claude Code opus tier → copilot/claude-opus-4.8"), lines.join("\n")).toEqual([
      "✗ Claude Code opus tier → copilot/claude-opus-4.8: copilot lists claude-opus-4.8 but this account cannot use it (policy unconfigured); requests for it are refused",
      "    Fix: enable it at https://github.com/settings/copilot/features (or ask your organisation's admin to allow it), or run `switchboard setup claude-code` to pick a model the account can use",
    ]);
    expect(lines).toContain(
      "✓ Claude Code sonnet tier → copilot/claude-sonnet-4.5: served by copilot as claude-sonnet-4.5",
    );
    expect(at("✗ Codex model → gpt-6.1-sol")).toEqual([
      "✗ Codex model → gpt-6.1-sol: not routable: no provider offers it",
      "    Fix: run `switchboard setup codex` to pick a model the providers offer (`curl …/v1/models` lists them)",
    ]);
    expect(healthy).toBe(false);
  });

  it("passes the models setup picks", async () => {
    const home = await makeFakeHome();
    const config = await writeConfig(home);
    await setupClaudeCode({ config }, home.context());
    await setupCodex({ config }, home.context());
    const { lines } = await doctor(home, config);
    expect(lines).toEqual(
      expect.arrayContaining([
        "✓ Claude Code opus tier → copilot/claude-sonnet-4.5: served by copilot as claude-sonnet-4.5",
        "✓ Codex model → copilot/gpt-5.1-codex: served by copilot as gpt-5.1-codex",
      ]),
    );
    expect(lines.filter((line) => line.includes(" → ") && line.startsWith("✗"))).toEqual([]);
  });
});
