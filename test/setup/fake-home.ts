import { mkdir, mkdtemp, realpath, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { SetupContext } from "../../src/cli/support/setup-context.js";

/** A user's Claude Code settings with a comment-free JSON body, unrelated keys and an env block of their own. */
export const existingClaudeSettings = `{
  "permissions": {
    "allow": ["Bash(npm test)"]
  },
  "env": {
    "MY_VARIABLE": "kept"
  },
  "theme": "dark"
}
`;

/** A Codex config with comments, a profile of the user's and a project trust entry. */
export const existingCodexConfig = `# My Codex settings
model = "o3" # my favourite
approval_policy = "on-request"

# a provider of my own
[model_providers.ollama]
name = "Ollama"
base_url = "http://localhost:11434/v1" # local

[projects."/home/me/work"]
trust_level = "trusted"
`;

export interface FakeHome {
  home: string;
  /** A folder that is nobody's project. */
  cwd: string;
  output: string[];
  context(extra?: Partial<SetupContext>): SetupContext;
  /** A gateway config file in the fake HOME. */
  writeConfig(yaml: string): Promise<string>;
}

export async function makeFakeHome(
  options: { claude?: string; codex?: string; claudeState?: string } = {},
): Promise<FakeHome> {
  const home = await realpath(await mkdtemp(join(tmpdir(), "switchboard-setup-home-")));
  const cwd = join(home, "somewhere");
  await mkdir(cwd);
  if (options.claude !== undefined) {
    await mkdir(join(home, ".claude"));
    await writeFile(join(home, ".claude", "settings.json"), options.claude);
  }
  if (options.claudeState !== undefined) await writeFile(join(home, ".claude.json"), options.claudeState);
  if (options.codex !== undefined) {
    await mkdir(join(home, ".codex"));
    await writeFile(join(home, ".codex", "config.toml"), options.codex);
  }
  const output: string[] = [];
  return {
    home,
    cwd,
    output,
    context: (extra = {}) => ({
      env: { HOME: home, PATH: "" },
      cwd,
      write: (line) => output.push(line),
      ...extra,
    }),
    async writeConfig(yaml) {
      const path = join(home, "switchboard.yaml");
      await writeFile(path, yaml);
      return path;
    },
  };
}
