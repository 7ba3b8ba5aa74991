import type { Command } from "commander";
import { SetupError, isGatewayError } from "../../errors/index.js";
import type { ConfigFlags } from "../../config/load-config.js";
import { ConfigError } from "../../config/config-error.js";
import type { GithubCommandContext } from "./github-command-context.js";

/** `status --config/--port`: the gateway to report, as `start` was given it. */
function statusFlags(options: { config?: string; port?: string }): ConfigFlags {
  const flags: ConfigFlags = options.config === undefined ? {} : { config: options.config };
  if (options.port !== undefined) {
    const port = Number(options.port);
    if (!Number.isInteger(port) || port < 1 || port > 65535)
      throw new ConfigError(`--port ${options.port}: expected an integer from 1 to 65535.`);
    flags.port = port;
  }
  return flags;
}

/** The parent command (`login`, `logout`), shared with other providers' sign-in commands. */
function parentCommand(program: Command, name: string, description: string): Command {
  return program.commands.find((command) => command.name() === name) ?? program.command(name).description(description);
}

/**
 * Registers `switchboard login github`, `switchboard logout github` and `switchboard status`.
 * `context` is read when a command runs, so the CLI can load config after parsing options.
 */
// Each command's module loads when it runs, not with every `switchboard start` (RSS of the laptop gateway).
export function registerGithubCommands(program: Command, context: () => GithubCommandContext): void {
  const run = (action: () => Promise<unknown>) => async () => {
    try {
      await action();
    } catch (error) {
      const write = context().write ?? ((text: string) => process.stderr.write(`${text}\n`));
      const known = isGatewayError(error) || error instanceof SetupError || error instanceof ConfigError;
      write(`Error: ${known ? error.message : String(error)}`);
      process.exitCode = 1;
    }
  };
  parentCommand(program, "login", "Sign in to an upstream")
    .command("github")
    .description("Sign in to GitHub (for Copilot) with a one-time code in the browser")
    .option(
      "--github-url <url>",
      "GitHub Enterprise Server URL (default: the config's Copilot provider, else https://github.com)",
    )
    .option("--config <file>", "the config file whose Copilot provider to sign in for")
    .action((options: { githubUrl?: string; config?: string }) =>
      run(async () => {
        const result = await (await import("./login-github.js")).loginGithub(context(), options);
        if (result.problem !== undefined) process.exitCode = 1;
      })(),
    );
  parentCommand(program, "logout", "Remove a saved sign-in")
    .command("github")
    .description("Remove the GitHub token Switchboard saved")
    .option("--github-url <url>", "GitHub Enterprise Server URL")
    .option("--config <file>", "the config file whose Copilot provider to sign out of")
    .action((options: { githubUrl?: string; config?: string }) =>
      run(async () => (await import("./logout-github.js")).logoutGithub(context(), options))(),
    );
  program
    .command("status")
    .description(
      "Show whether the gateway runs (port, uptime, requests today) and whether each configured provider is signed in (for Copilot: the login, plan and premium requests left)",
    )
    .option("--github-url <url>", "GitHub Enterprise Server URL")
    .option("--config <file>", "the gateway's config file (as given to `start`)")
    .option("--port <port>", "the port the gateway was started on (as given to `start --port`)")
    .action((options: { githubUrl?: string; config?: string; port?: string }) =>
      run(async () => {
        const flags = statusFlags(options);
        const gatewayUp = (await context().describeGateway?.(flags)) ?? true;
        const providersHealthy = await (await import("./provider-status.js")).showProviderStatus(context(), options);
        if (!providersHealthy || !gatewayUp) process.exitCode = 1;
      })(),
    );
}
