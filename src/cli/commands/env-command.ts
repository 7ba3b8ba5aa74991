// `env`'s definition; ./env.js loads when it runs, not with every `switchboard start` (RSS of the laptop gateway).
import type { Command } from "commander";
import type { TargetOptions } from "../support/gateway-target.js";
import { runSetupAction } from "../support/setup-context.js";

export function registerEnvCommand(program: Command): void {
  program
    .command("env")
    .description('print the export lines that point Claude Code, Codex and the SDKs here: eval "$(switchboard env)"')
    .option("--url <url>", "the gateway's URL (default: from the config's host and port)")
    .option("--key <key>", "the key to present (default: server.api_key)")
    .option("--config <file>", "the gateway's config file")
    .action((options: TargetOptions) =>
      runSetupAction(async (context) =>
        (await import("./env.js")).printEnvironment(options, context.env, context.write),
      ),
    );
}
