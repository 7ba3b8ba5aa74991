// `setup-codex`'s definition; ./setup-codex.js loads when it runs, not with every `switchboard start` (RSS of the laptop gateway).
import type { Command } from "commander";
import { runSetupAction } from "../support/setup-context.js";
import type { SetupCodexOptions } from "./setup-codex.js";

export function registerSetupCodexCommand(program: Command): void {
  const setup =
    program.commands.find((command) => command.name() === "setup") ??
    program.command("setup").description("Point a coding client at this gateway");
  setup
    .command("codex")
    .description("Write Codex's config (~/.codex/config.toml) to use this gateway")
    .option(
      "--builtin",
      "use Codex's built-in OpenAI provider (openai_base_url and auth.json) instead of a provider table",
    )
    .option("--model <model>", "the model Codex asks for (default: the newest Codex or GPT-5 model offered)")
    .option("--dry-run", "print the diff and change nothing")
    .option("--undo", "restore the files from the backups made by the first setup")
    .option("--url <url>", "the gateway's URL (default: from the config's host and port)")
    .option("--key <key>", "the key Codex presents (default: server.api_key)")
    .option("--config <file>", "the gateway's config file")
    .action((options: SetupCodexOptions) =>
      runSetupAction(async (context) => (await import("./setup-codex.js")).setupCodex(options, context)),
    );
}
