// `setup-claude-code`'s definition; ./setup-claude-code.js loads when it runs, not with every `switchboard start` (RSS of the laptop gateway).
import type { Command } from "commander";
import { runSetupAction } from "../support/setup-context.js";
import type { SetupClaudeCodeOptions } from "./setup-claude-code.js";

export function registerSetupClaudeCodeCommand(program: Command): void {
  const setup =
    program.commands.find((command) => command.name() === "setup") ??
    program.command("setup").description("Point a coding client at this gateway");
  setup
    .command("claude-code")
    .description("Write Claude Code's settings (~/.claude/settings.json) to use this gateway")
    .option("--project", "write this project's .claude/settings.json instead of the user's")
    .option("--dry-run", "print the diff and change nothing")
    .option("--undo", "restore the settings file from the backup made by the first setup")
    .option("--opus <model>", "the model for Claude Code's opus tier")
    .option("--sonnet <model>", "the model for the sonnet tier")
    .option("--haiku <model>", "the model for the haiku tier (side requests)")
    .option("--subagent <model>", "the model for subagents (default: the sonnet tier's)")
    .option("--url <url>", "the gateway's URL (default: from the config's host and port)")
    .option("--key <key>", "the key Claude Code presents (default: server.api_key)")
    .option(
      "--key-helper",
      "keep the key out of settings.json: save it (0600) in Switchboard's folder, and set apiKeyHelper to `switchboard key print`",
    )
    .option("--config <file>", "the gateway's config file")
    .action((options: SetupClaudeCodeOptions) =>
      runSetupAction(async (context) => (await import("./setup-claude-code.js")).setupClaudeCode(options, context)),
    );
}
