import { Command } from "commander";
import { commandRegistrations } from "./commands/index.js";

export function buildProgram(): Command {
  const program = new Command();
  program
    .name("switchboard")
    .description("A gateway between AI coding tools and the models their users are entitled to use.");
  for (const register of commandRegistrations) register(program);
  return program;
}
