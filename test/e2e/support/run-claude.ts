import { mkdir, mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { cleanEnvironment, runProcess, type ProcessResult } from "./run-process.js";

export const claudeBinary = resolve("node_modules/.bin/claude");

/** The object `claude -p --output-format json` prints. */
export interface ClaudeResult {
  type?: string;
  subtype?: string;
  is_error: boolean;
  result?: string;
  num_turns?: number;
  stop_reason?: string;
  usage?: Record<string, unknown>;
}

/** Runs Claude Code once, non-interactively, with a fresh HOME, against `baseUrl`. */
export async function runClaude(options: {
  baseUrl: string;
  apiKey: string;
  prompt: string;
  cwd: string;
  model?: string;
  /** Written as the project's `.mcp.json` (its servers approved in the user's settings). */
  mcpConfig?: unknown;
  /** Default: `Write`. */
  allowedTools?: string[];
}): Promise<ProcessResult & { result?: ClaudeResult }> {
  const home = await mkdtemp(join(tmpdir(), "switchboard-claude-home-"));
  if (options.mcpConfig !== undefined) {
    await writeFile(join(options.cwd, ".mcp.json"), JSON.stringify(options.mcpConfig, null, 2));
    await mkdir(join(home, ".claude"), { recursive: true });
    await writeFile(join(home, ".claude", "settings.json"), JSON.stringify({ enableAllProjectMcpServers: true }));
  }
  const env = cleanEnvironment({
    HOME: home,
    ANTHROPIC_BASE_URL: options.baseUrl,
    ANTHROPIC_API_KEY: options.apiKey,
    CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC: "1",
    DISABLE_AUTOUPDATER: "1",
    ...(options.model !== undefined && { ANTHROPIC_MODEL: options.model }),
  });
  const outcome = await runProcess({
    command: claudeBinary,
    args: [
      "-p",
      options.prompt,
      "--output-format",
      "json",
      "--permission-mode",
      "acceptEdits",
      "--allowedTools",
      ...(options.allowedTools ?? ["Write"]),
    ],
    cwd: options.cwd,
    env,
  });
  const line = outcome.stdout.trim().split("\n").at(-1) ?? "";
  try {
    return { ...outcome, result: JSON.parse(line) as ClaudeResult };
  } catch {
    return outcome;
  }
}
