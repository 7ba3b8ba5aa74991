import { createRequire } from "node:module";
import { Command } from "commander";
import { commandRegistrations } from "./commands/index.js";

export function buildProgram(): Command {
  const program = new Command();
  program
    .name("switchboard")
    .description("A gateway between AI coding tools and the models their users are entitled to use.")
    .version(packageVersion());
  for (const register of commandRegistrations) register(program);
  return program;
}

function packageVersion(): string {
  // The package file sits two folders up from both src/cli and dist/cli.
  const manifest = createRequire(import.meta.url)("../../package.json") as { version: string };
  return manifest.version;
}
