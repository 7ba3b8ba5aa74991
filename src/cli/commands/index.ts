import type { Command } from "commander";
import { userConfigDir } from "../../config/index.js";
import { registerGithubCommands } from "./register-github-commands.js";
import { registerKeysCommand } from "./keys.js";
import { registerStartCommand } from "./start.js";

/** Every subcommand: `start`, and the provider sign-in commands (`login`, `logout`, `status`). */
export const commandRegistrations: Array<(program: Command) => void> = [
  registerStartCommand,
  registerKeysCommand,
  (program) => registerGithubCommands(program, () => ({ env: process.env, configDir: userConfigDir(process.env) })),
];
