import { readFile } from "node:fs/promises";
import type { Command } from "commander";
import { clientKeyPath } from "../../setup/client-key-file.js";

/** Prints the key `setup claude-code --key-helper` saved; false (with the reason on stderr) when there is none. */
export async function printClientKey(options: {
  env: NodeJS.ProcessEnv;
  write: (text: string) => void;
  complain?: (text: string) => void;
}): Promise<boolean> {
  const path = clientKeyPath(options.env);
  let key: string;
  try {
    key = (await readFile(path, "utf8")).trim();
  } catch {
    key = "";
  }
  if (key === "") {
    // Claude Code shows the helper's stderr when it fails: say how to get a key there.
    options.complain?.(`No client key at ${path}; run \`switchboard setup claude-code --key-helper\`.\n`);
    return false;
  }
  options.write(`${key}\n`);
  return true;
}

export function registerKeyPrintCommand(program: Command): void {
  program
    .command("key")
    .description("the client key Claude Code's apiKeyHelper asks for")
    .command("print")
    .description("print the key saved by `switchboard setup claude-code --key-helper`")
    .action(async () => {
      const found = await printClientKey({
        env: process.env,
        write: (text) => process.stdout.write(text),
        complain: (text) => process.stderr.write(text),
      });
      if (!found) process.exitCode = 1;
    });
}
