import type { Command } from "commander";
import { userConfigDir } from "../../config/index.js";
import { registerGithubCommands } from "./register-github-commands.js";
import { registerStartCommand } from "./start.js";
import { registerUsageCommand } from "./usage.js";

/** Every subcommand: `start`, and the provider sign-in commands (`login`, `logout`, `status`). */
export const commandRegistrations: Array<(program: Command) => void> = [
  registerStartCommand,
  registerUsageCommand,
  (program) => registerGithubCommands(program, () => ({ env: process.env, configDir: userConfigDir(process.env) })),
];
