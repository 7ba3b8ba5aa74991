// `doctor`'s definition; ./doctor.js loads when it runs, not with every `switchboard start` (RSS of the laptop gateway).
import type { Command } from "commander";

export function registerDoctorCommand(program: Command): void {
  program
    .command("doctor")
    .description(
      "check the config, providers, routes, port, usage store, Redis, MCP servers and client setups; print the fix for each problem",
    )
    .option("--config <file>", "the gateway's config file")
    .action(async (options: { config?: string }) => {
      const healthy = await (
        await import("./doctor.js")
      ).runDoctor({
        target: options.config === undefined ? {} : { config: options.config },
        env: process.env,
        cwd: process.cwd(),
        write: (line) => console.log(line),
      });
      if (!healthy) process.exitCode = 1;
    });
}
