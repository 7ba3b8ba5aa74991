import { mkdir, mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { findGithubToken } from "./find-github-token.js";
import { saveGithubToken } from "./saved-github-token.js";

async function homeWithEveryLogin(): Promise<{ home: string; configDir: string }> {
  const home = await mkdtemp(join(tmpdir(), "switchboard-chain-"));
  await mkdir(join(home, ".config", "gh"), { recursive: true });
  await writeFile(
    join(home, ".config", "gh", "hosts.yml"),
    "github.com:\n  user: octocat\n  oauth_token: gho_fromgh\n  git_protocol: https\n",
  );
  await mkdir(join(home, ".config", "github-copilot"), { recursive: true });
  await writeFile(
    join(home, ".config", "github-copilot", "apps.json"),
    JSON.stringify({
      "github.com:Iv1.b507a08c87ecfe98": {
        user: "octocat",
        oauth_token: "ghu_fromplugin",
        githubAppId: "Iv1.b507a08c87ecfe98",
      },
    }),
  );
  const configDir = join(home, "switchboard");
  await saveGithubToken(configDir, { token: "ghu_saved", host: "github.com" });
  return { home, configDir };
}

describe("the sign-in chain", () => {
  it("takes config, then each variable, then gh, then the editor plugin, then the saved login", async () => {
    const { home, configDir } = await homeWithEveryLogin();
    const env = {
      HOME: home,
      COPILOT_GITHUB_TOKEN: "ghu_copilotvar",
      GH_TOKEN: "ghu_ghvar",
      GITHUB_TOKEN: "ghu_githubvar",
    };
    const find = (configToken: string | undefined, environment: NodeJS.ProcessEnv) =>
      findGithubToken({ configToken, env: environment, configDir, host: "github.com" });

    expect(await find("ghu_config", env)).toEqual({ token: "ghu_config", source: "config" });
    expect(await find(undefined, env)).toEqual({ token: "ghu_copilotvar", source: "env:COPILOT_GITHUB_TOKEN" });
    expect(await find(undefined, { ...env, COPILOT_GITHUB_TOKEN: "" })).toEqual({
      token: "ghu_ghvar",
      source: "env:GH_TOKEN",
    });
    expect(await find(undefined, { HOME: home, GITHUB_TOKEN: "ghu_githubvar" })).toEqual({
      token: "ghu_githubvar",
      source: "env:GITHUB_TOKEN",
    });
    expect(await find(undefined, { HOME: home })).toEqual({ token: "gho_fromgh", source: "gh-cli" });
    expect(await find(undefined, { HOME: home, GH_CONFIG_DIR: join(home, "nowhere") })).toEqual({
      token: "ghu_fromplugin",
      source: "copilot-editor-plugin",
    });
    expect(
      await find(undefined, { HOME: home, GH_CONFIG_DIR: join(home, "nowhere"), XDG_CONFIG_HOME: join(home, "empty") }),
    ).toEqual({
      token: "ghu_saved",
      source: "switchboard-login",
    });
  });

  it("finds nothing in an empty home", async () => {
    const home = await mkdtemp(join(tmpdir(), "switchboard-empty-"));
    expect(
      await findGithubToken({
        configToken: undefined,
        env: { HOME: home },
        configDir: join(home, "sb"),
        host: "github.com",
      }),
    ).toBeUndefined();
  });

  it("reads the active account of a multi-account gh login on an enterprise host, and the plugin's hosts.json", async () => {
    const home = await mkdtemp(join(tmpdir(), "switchboard-ghe-"));
    const ghDir = join(home, "ghconfig");
    await mkdir(ghDir);
    await writeFile(
      join(ghDir, "hosts.yml"),
      "github.com:\n  oauth_token: gho_public\nghe.example.com:\n  user: alice\n  users:\n    alice:\n      oauth_token: gho_alice\n    bob:\n      oauth_token: gho_bob\n",
    );
    const env = { HOME: home, GH_CONFIG_DIR: ghDir };
    expect(
      await findGithubToken({ configToken: undefined, env, configDir: join(home, "sb"), host: "ghe.example.com" }),
    ).toEqual({ token: "gho_alice", source: "gh-cli" });

    await mkdir(join(home, ".config", "github-copilot"), { recursive: true });
    await writeFile(
      join(home, ".config", "github-copilot", "hosts.json"),
      JSON.stringify({ "github.com": { user: "octocat", oauth_token: "ghu_oldplugin" } }),
    );
    expect(
      await findGithubToken({
        configToken: undefined,
        env: { HOME: home },
        configDir: join(home, "sb"),
        host: "github.com",
      }),
    ).toEqual({
      token: "ghu_oldplugin",
      source: "copilot-editor-plugin",
    });
  });
});
