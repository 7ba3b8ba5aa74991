import { existsSync } from "node:fs";
import { homedir } from "node:os";
import { delimiter, join } from "node:path";

export function homeOf(env: NodeJS.ProcessEnv): string {
  return env["HOME"] !== undefined && env["HOME"] !== "" ? env["HOME"] : homedir();
}

/** `~/.claude/settings.json`, or the project's `.claude/settings.json` under `cwd`. */
export function claudeSettingsPath(options: { env: NodeJS.ProcessEnv; project?: string }): string {
  return options.project !== undefined
    ? join(options.project, ".claude", "settings.json")
    : join(homeOf(options.env), ".claude", "settings.json");
}

/** Claude Code's own state file, where approved API keys are remembered. */
export function claudeStatePath(env: NodeJS.ProcessEnv): string {
  return join(homeOf(env), ".claude.json");
}

/** `$CODEX_HOME`, else `~/.codex`. */
export function codexHome(env: NodeJS.ProcessEnv): string {
  return env["CODEX_HOME"] !== undefined && env["CODEX_HOME"] !== "" ? env["CODEX_HOME"] : join(homeOf(env), ".codex");
}

export type ClientName = "claude" | "codex";

/** How to install each client, for a setup or a launch that does not find it. */
export const installHints: Record<ClientName, string> = {
  claude: "npm install -g @anthropic-ai/claude-code",
  codex: "npm install -g @openai/codex",
};

/** The client's executable: on PATH, else in this package's own node_modules/.bin (a clone with dev dependencies). */
export function findClient(name: ClientName, env: NodeJS.ProcessEnv, packageRoot?: string): string | undefined {
  const folders = (env["PATH"] ?? "").split(delimiter).filter((folder) => folder !== "");
  if (packageRoot !== undefined) folders.push(join(packageRoot, "node_modules", ".bin"));
  for (const folder of folders) {
    const candidate = join(folder, name);
    if (existsSync(candidate)) return candidate;
  }
  return undefined;
}
