import type { Command } from "commander";
import { SetupError, isGatewayError } from "../../errors/index.js";
import type { GithubCommandContext } from "./github-command-context.js";

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
      write(`Error: ${isGatewayError(error) || error instanceof SetupError ? error.message : String(error)}`);
      process.exitCode = 1;
    }
  };
  parentCommand(program, "login", "Sign in to an upstream")
    .command("github")
    .description("Sign in to GitHub (for Copilot) with a one-time code in the browser")
    .option("--github-url <url>", "GitHub Enterprise Server URL (default https://github.com)")
    .action((options: { githubUrl?: string }) =>
      run(async () => (await import("./login-github.js")).loginGithub(context(), options))(),
    );
  parentCommand(program, "logout", "Remove a saved sign-in")
    .command("github")
    .description("Remove the GitHub token Switchboard saved")
    .option("--github-url <url>", "GitHub Enterprise Server URL")
    .action((options: { githubUrl?: string }) =>
      run(async () => (await import("./logout-github.js")).logoutGithub(context(), options))(),
    );
  program
    .command("status")
    .description(
      "Show whether the gateway runs (port, uptime, requests today) and whether each configured provider is signed in (for Copilot: the login, plan and premium requests left)",
    )
    .option("--github-url <url>", "GitHub Enterprise Server URL")
    .action((options: { githubUrl?: string }) =>
      run(async () => {
        const gatewayUp = (await context().describeGateway?.()) ?? true;
        const providersHealthy = await (await import("./provider-status.js")).showProviderStatus(context(), options);
        if (!providersHealthy || !gatewayUp) process.exitCode = 1;
      })(),
    );
}
