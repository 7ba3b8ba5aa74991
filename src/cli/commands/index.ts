import type { Command } from "commander";
import { userConfigDir } from "../../config/index.js";
import { loadConfig } from "../../config/load-config.js";
import { registerDoctorCommand } from "./doctor-command.js";
import { registerEnvCommand } from "./env-command.js";
import { describeGatewayStatus } from "./gateway-status.js";
import { registerLaunchClientCommands } from "./launch-client-command.js";
import { registerLogsCommand } from "./logs.js";
import { registerGithubCommands } from "./register-github-commands.js";
import { registerKeyPrintCommand } from "./key-print.js";
import { registerKeysCommand } from "./keys-command.js";
import { registerServiceCommand } from "./service-command.js";
import { registerSetupClaudeCodeCommand } from "./setup-claude-code-command.js";
import { registerSetupCodexCommand } from "./setup-codex-command.js";
import { registerStartCommand } from "./start.js";
import { registerStopCommand } from "./stop.js";
import { registerUsageCommand } from "./usage-command.js";

const write = (line: string): void => console.log(line);

/** Every subcommand: `start`/`stop`/`logs`, the sign-in commands and `status`, `setup`, `env`, the client launchers. */
export const commandRegistrations: Array<(program: Command) => void> = [
  registerStartCommand,
  registerStopCommand,
  registerLogsCommand,
  (program) =>
    registerGithubCommands(program, () => ({
      env: process.env,
      configDir: userConfigDir(process.env),
      describeGateway: (flags) => describeGatewayStatus({ env: process.env, flags, write }),
      loadConfig: (flags) => loadConfig({ env: process.env, flags }),
    })),
  registerSetupClaudeCodeCommand,
  registerSetupCodexCommand,
  registerEnvCommand,
  registerDoctorCommand,
  registerServiceCommand,
  registerLaunchClientCommands,
  registerUsageCommand,
  registerKeysCommand,
  registerKeyPrintCommand,
];
