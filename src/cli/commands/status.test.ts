import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Command } from "commander";
import { afterEach, describe, expect, it } from "vitest";
import { startFakeGithub } from "../../../test/fake-github/start-fake-github.js";
import { startFakeUpstream } from "../../../test/fake-upstream/index.js";
import type { FakeUpstream } from "../../../test/fake-upstream/types.js";
import { configFromObject, type LoadedConfig } from "../../config/load-config.js";
import type { GithubCommandContext } from "./github-command-context.js";
import { registerGithubCommands } from "./register-github-commands.js";

let fake: FakeUpstream | undefined;
afterEach(async () => {
  await fake?.close();
  fake = undefined;
  process.exitCode = undefined;
});

/** `switchboard status` with the given providers in the config; no GitHub login exists in the fake HOME. */
async function status(providers: Record<string, unknown>, implicitProviders: string[] = []) {
  const home = await mkdtemp(join(tmpdir(), "switchboard-status-"));
  const env = { HOME: home };
  const loaded: LoadedConfig = {
    config: configFromObject({ providers }),
    env,
    configDir: join(home, "switchboard"),
    implicitProviders,
  };
  const output: string[] = [];
  const context: GithubCommandContext = {
    env,
    configDir: loaded.configDir,
    write: (text) => output.push(text),
    describeGateway: async () => {
      output.push("Gateway: up");
      return true;
    },
    loadConfig: async () => loaded,
  };
  const program = new Command().exitOverride();
  registerGithubCommands(program, () => context);
  await program.parseAsync(["status"], { from: "user" });
  return output;
}

describe("switchboard status: the providers configured", () => {
  it("says nothing of Copilot when only an OpenAI provider is configured, and exits 0 when its key works", async () => {
    fake = await startFakeUpstream({ apiKey: "sk-up", models: ["gpt-5.1"] });
    const output = await status({ up: { type: "openai", base_url: `${fake.url}/v1`, api_key: "sk-up" } });
    expect(output).toEqual(["Gateway: up", "Provider up (openai): signed in (API key accepted)"]);
    expect(process.exitCode ?? 0).toBe(0);
  });

  it("names the provider whose key is refused, and exits 1", async () => {
    fake = await startFakeUpstream({ apiKey: "sk-up", models: ["gpt-5.1"] });
    const output = await status({ up: { type: "openai", base_url: `${fake.url}/v1`, api_key: "sk-wrong" } });
    expect(output[1]).toMatch(/^Provider up \(openai\): /);
    expect(output[1]).not.toContain("signed in");
    expect(output.join("\n")).not.toContain("Copilot");
    expect(process.exitCode).toBe(1);
  });

  it("with no provider at all, reports Copilot (the default) as not signed in, and exits 1", async () => {
    const output = await status({});
    expect(output[1]).toMatch(/^GitHub Copilot: not signed in to github\.com/);
    expect(output[2]).toMatch(/^Providers: none configured or found/);
    expect(process.exitCode).toBe(1);
  });
});

describe("switchboard status: a Copilot provider in the config", () => {
  it("uses the config's token and GitHub URLs, and exits 0", async () => {
    const github = await startFakeGithub();
    try {
      const output = await status({
        copilot: {
          type: "github-copilot",
          token: "ghu_valid",
          github_url: github.githubUrl,
          github_api_url: github.apiUrl,
        },
      });
      expect(output.slice(0, 3)).toEqual([
        "Gateway: up",
        "GitHub sign-in: the `token` in the config file",
        "GitHub account: octocat",
      ]);
      expect(process.exitCode ?? 0).toBe(0);
    } finally {
      await github.close();
    }
  });
});
