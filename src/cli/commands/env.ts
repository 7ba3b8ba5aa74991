import type { Command } from "commander";
import { clientVariables, shellQuote } from "../support/client-environment.js";
import { resolveGatewayTarget, type TargetOptions } from "../support/gateway-target.js";
import { runSetupAction } from "../support/setup-context.js";

/** `switchboard env`: `export` lines for a shell (`eval "$(switchboard env)"`). */
export async function printEnvironment(options: TargetOptions, env: NodeJS.ProcessEnv, write: (line: string) => void) {
  const target = await resolveGatewayTarget(options, env);
  for (const [name, value] of Object.entries(clientVariables(target.url, target.apiKey)))
    write(`export ${name}=${shellQuote(value)}`);
  // A key of another service in the shell would be sent instead of this one.
  write("unset ANTHROPIC_API_KEY");
}

export function registerEnvCommand(program: Command): void {
  program
    .command("env")
    .description('print the export lines that point Claude Code, Codex and the SDKs here: eval "$(switchboard env)"')
    .option("--url <url>", "the gateway's URL (default: from the config's host and port)")
    .option("--key <key>", "the key to present (default: server.api_key)")
    .option("--config <file>", "the gateway's config file")
    .action((options: TargetOptions) =>
      runSetupAction((context) => printEnvironment(options, context.env, context.write)),
    );
}
