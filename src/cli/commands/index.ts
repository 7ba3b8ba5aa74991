import type { Command } from "commander";
import { userConfigDir } from "../../config/index.js";
import { registerGithubCommands } from "./register-github-commands.js";
import { registerSetupClaudeCodeCommand } from "./setup-claude-code.js";
import { registerSetupCodexCommand } from "./setup-codex.js";
import { registerStartCommand } from "./start.js";

/** Every subcommand: `start`, the provider sign-in commands (`login`, `logout`, `status`), `setup`. */
export const commandRegistrations: Array<(program: Command) => void> = [
  registerStartCommand,
  (program) => registerGithubCommands(program, () => ({ env: process.env, configDir: userConfigDir(process.env) })),
  registerSetupClaudeCodeCommand,
  registerSetupCodexCommand,
];
