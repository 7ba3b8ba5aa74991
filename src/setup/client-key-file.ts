import { join } from "node:path";
import { userConfigDir } from "../config/find-config-file.js";

/**
 * Where `setup claude-code --key-helper` keeps the key Claude Code presents, mode 0600: in
 * Switchboard's own folder, so that Claude Code's settings (often shared, often 0644) hold none.
 */
export function clientKeyPath(env: NodeJS.ProcessEnv): string {
  return join(userConfigDir(env), "client-key");
}

/** One word for a POSIX shell: single quotes, each inner `'` closed, escaped and reopened. */
function shellWord(word: string): string {
  return `'${word.replaceAll("'", `'\\''`)}'`;
}

/** Claude Code's `apiKeyHelper`: a shell command whose output is the key; here `switchboard key print`. */
export function keyHelperCommand(selfCommand: string[]): string {
  return `${selfCommand.map(shellWord).join(" ")} key print`;
}

/** The command that runs this very switchboard (node, its flags, the script), absolute, to call back later. */
export function currentSelfCommand(): string[] {
  const script = process.argv[1];
  return script === undefined ? ["switchboard"] : [process.execPath, ...process.execArgv, script];
}
