import type { Command } from "commander";
import { registerStartCommand } from "./start.js";

/** Every subcommand. `login` / `logout` / `status` (provider sign-in) add themselves here. */
export const commandRegistrations: Array<(program: Command) => void> = [registerStartCommand];
