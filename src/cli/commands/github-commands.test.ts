import { mkdtemp, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Command } from "commander";
import { afterEach, describe, expect, it } from "vitest";
import { sendForTests } from "../../../test/fake-github/send-for-tests.js";
import {
  startFakeGithub,
  type FakeGithub,
  type FakeGithubOptions,
} from "../../../test/fake-github/start-fake-github.js";
import { configFromObject } from "../../config/load-config.js";
import type { GithubCommandContext } from "./github-command-context.js";
import { registerGithubCommands } from "./register-github-commands.js";

let fake: FakeGithub | undefined;
afterEach(async () => {
  await fake?.close();
  fake = undefined;
  process.exitCode = undefined;
});

async function cli(options: FakeGithubOptions = {}, env: NodeJS.ProcessEnv = {}) {
  fake = await startFakeGithub(options);
  const home = await mkdtemp(join(tmpdir(), "switchboard-cli-"));
  const output: string[] = [];
  const opened: string[] = [];
  const context: GithubCommandContext = {
    env: { HOME: home, ...env },
    configDir: join(home, "switchboard"),
    copilotConfig: { github_url: fake.githubUrl, github_api_url: fake.apiUrl },
    send: sendForTests,
    write: (text) => output.push(text),
    sleep: async () => undefined,
    openBrowser: (url) => opened.push(url),
  };
  const run = async (...args: string[]) => {
    const program = new Command().exitOverride();
    registerGithubCommands(program, () => context);
    await program.parseAsync(args, { from: "user" });
  };
  return { run, output, opened, context, fake };
}

describe("switchboard login github / status / logout github", () => {
  it("signs in with the device flow, saves the token 0600, and shows plan and premium requests", async () => {
    const { run, output, opened, context, fake } = await cli({
      deviceAnswers: ["authorization_pending", "slow_down", "success"],
    });
    await run("login", "github");
    expect(output).toContain("First copy your one-time code: ABCD-1234");
    expect(output.some((line) => line.includes(`${fake.githubUrl}/login/device`))).toBe(true);
    expect(opened).toEqual([`${fake.githubUrl}/login/device`]);
    expect(output).toContain("GitHub asked us to check less often; now every 10 s.");
    expect(output).toContain(
      "GitHub Copilot is available for octocat (plan individual). Run `switchboard start` to use it.",
    );
    expect((await stat(join(context.configDir, "github-token.json"))).mode & 0o777).toBe(0o600);
    expect((await stat(context.configDir)).mode & 0o777).toBe(0o700);

    output.length = 0;
    fake.state.premiumRemaining = 150;
    await run("status");
    expect(output).toEqual([
      "GitHub sign-in: the token saved by `switchboard login github`",
      "GitHub account: octocat",
      "Copilot plan: individual (copilot_individual)",
      `Copilot API: ${fake.copilotUrl}`,
      "Premium requests: 150 of 300 left (50%), resets 2026-12-01",
    ]);

    output.length = 0;
    await run("logout", "github");
    expect(output[0]).toMatch(/^Removed .*github-token\.json\.$/);
    output.length = 0;
    await run("status");
    expect(output[0]).toContain("not signed in");
    expect(process.exitCode).toBe(1);
  });

  it("reports a refused sign-in and sets a failing exit code", async () => {
    const { run, output } = await cli({ deviceAnswers: ["access_denied"] });
    await run("login", "github");
    expect(output.at(-1)).toMatch(/^Error: Sign-in was refused/);
    expect(process.exitCode).toBe(1);
  });

  it("warns when the new login has no Copilot, and when another login comes first", async () => {
    const { run, output } = await cli(
      { tokensWithoutCopilot: ["ghu_fromdevice"], githubTokens: ["ghu_env"] },
      { GH_TOKEN: "ghu_env" },
    );
    await run("login", "github");
    expect(
      output.some((line) =>
        line.startsWith("Error: The GitHub account signed in through the new login has no GitHub Copilot access."),
      ),
    ).toBe(true);
    expect(process.exitCode).toBe(1);
    expect(output.at(-1)).toBe(
      "Note: the GH_TOKEN environment variable comes first in the sign-in order and will be used instead of this login.",
    );
    output.length = 0;
    await run("logout", "github");
    expect(output.at(-1)).toBe(
      "Copilot will still sign in with the GH_TOKEN environment variable. Remove that too to sign out completely.",
    );
  });

  it("signs in to the GitHub of the config's Copilot provider, and exits 1 when its API cannot be reached", async () => {
    const { run, output, opened, context, fake } = await cli();
    const loaded = (apiUrl: string) => async () => ({
      config: configFromObject({
        providers: { copilot: { type: "github-copilot", github_url: fake.githubUrl, github_api_url: apiUrl } },
      }),
      env: context.env,
      configDir: context.configDir,
      implicitProviders: [],
    });
    delete context.copilotConfig;
    context.loadConfig = loaded(fake.apiUrl);
    await run("login", "github");
    expect(opened).toEqual([`${fake.githubUrl}/login/device`]);
    expect(output).toContain(
      "GitHub Copilot is available for octocat (plan individual). Run `switchboard start` to use it.",
    );
    expect(process.exitCode ?? 0).toBe(0);

    // The device flow succeeds, the Copilot check cannot reach the configured API: an error, exit 1.
    output.length = 0;
    context.loadConfig = loaded("http://127.0.0.1:9/api");
    await run("login", "github");
    expect(output).toContain("Error: Could not reach copilot (ECONNREFUSED).");
    expect(process.exitCode).toBe(1);
  });
});
