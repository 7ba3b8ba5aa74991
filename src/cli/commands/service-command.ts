// `service`'s definition; ./service.js loads when it runs, not with every `switchboard start` (RSS of the laptop gateway).
import type { Command } from "commander";
import type { ServiceContext } from "./service.js";

export function registerServiceCommand(program: Command): void {
  const service = program
    .command("service")
    .description("run the gateway as a login service (systemd user unit or launchd agent)");
  const context = (): ServiceContext => ({
    env: process.env,
    cwd: process.cwd(),
    platform: process.platform,
    write: (line) => console.log(line),
  });
  service
    .command("install")
    .description("write and enable the service (restarts on failure)")
    .option("--config <file>", "the config file the service starts with (default ./switchboard.yaml if present)")
    .option("--no-enable", "write the file only")
    .action(async (options: { config?: string; enable?: boolean }) => {
      if (!(await (await import("./service.js")).installService(options, context()))) process.exitCode = 1;
    });
  service
    .command("uninstall")
    .description("disable and remove the service")
    .action(async () => {
      if (!(await (await import("./service.js")).uninstallService(context()))) process.exitCode = 1;
    });
}
