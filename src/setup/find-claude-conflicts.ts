import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";

/** Something that makes Claude Code use another endpoint or key than the user's settings say. */
export interface Conflict {
  where: string;
  problem: string;
  fix: string;
}

function envOf(path: string): Record<string, unknown> | undefined {
  if (!existsSync(path)) return undefined;
  try {
    const parsed = JSON.parse(readFileSync(path, "utf8")) as { env?: Record<string, unknown> };
    return typeof parsed.env === "object" && parsed.env !== null ? parsed.env : undefined;
  } catch {
    return undefined;
  }
}

const routingVariables = ["ANTHROPIC_BASE_URL", "ANTHROPIC_API_KEY", "ANTHROPIC_AUTH_TOKEN", "ANTHROPIC_MODEL"];

/**
 * What overrides the user's `~/.claude/settings.json` for Claude Code started in `cwd`: a
 * project's `.claude/settings.json` and `settings.local.json` (both win over the user's), and,
 * for the endpoint, `ANTHROPIC_*` variables in the shell that a settings file does not replace.
 */
export function findClaudeConflicts(options: { env: NodeJS.ProcessEnv; cwd: string; gatewayUrl: string }): Conflict[] {
  const conflicts: Conflict[] = [];
  for (const name of ["settings.json", "settings.local.json"]) {
    const path = join(options.cwd, ".claude", name);
    const env = envOf(path);
    const baseUrl = env?.["ANTHROPIC_BASE_URL"];
    if (typeof baseUrl === "string" && baseUrl.replace(/\/+$/, "") !== options.gatewayUrl) {
      conflicts.push({
        where: path,
        problem: `sets ANTHROPIC_BASE_URL=${baseUrl}, which wins over the user settings in this project`,
        fix: `remove it, or run \`switchboard setup claude-code --project\` here`,
      });
    }
  }
  for (const name of routingVariables) {
    const value = options.env[name];
    if (value === undefined || value === "") continue;
    if (name === "ANTHROPIC_BASE_URL" && value.replace(/\/+$/, "") === options.gatewayUrl) continue;
    conflicts.push({
      where: "the shell environment",
      problem: `${name} is set${name === "ANTHROPIC_BASE_URL" ? ` to ${value}` : ""}; a settings file's env block replaces it only where that file sets the same variable`,
      fix: `unset ${name} (check your shell profile)`,
    });
  }
  return conflicts;
}
