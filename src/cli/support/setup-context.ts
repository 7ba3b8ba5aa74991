import { ConfigError } from "../../config/config-error.js";
import { SetupError } from "../../setup/setup-error.js";

/** What a setup command needs from its surroundings; tests give a fake HOME and collect the output. */
export interface SetupContext {
  env: NodeJS.ProcessEnv;
  cwd: string;
  write: (line: string) => void;
  /** Ask the user (a terminal is attached); otherwise choices are made without asking. */
  interactive?: boolean;
  ask?: (question: string) => Promise<string>;
  /** The command that runs this switchboard, for helpers clients call back (default: this process's). */
  selfCommand?: string[];
}

export function processSetupContext(): SetupContext {
  const interactive = process.stdin.isTTY && process.stdout.isTTY;
  return { env: process.env, cwd: process.cwd(), write: (line) => console.log(line), interactive };
}

/** Runs a setup action; a refusal (a file that does not parse, a bad config) is printed and exits 1. */
export async function runSetupAction(action: (context: SetupContext) => Promise<unknown>): Promise<void> {
  try {
    await action(processSetupContext());
  } catch (error) {
    if (error instanceof SetupError || error instanceof ConfigError) {
      console.error(error.message);
      process.exitCode = 1;
      return;
    }
    throw error;
  }
}
