import { execFile, spawn, type ChildProcessWithoutNullStreams } from "node:child_process";
import { join } from "node:path";

const repositoryRoot = join(import.meta.dirname, "..", "..", "..");

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

const cliArguments = (args: string[]) => [
  "--import",
  import.meta.resolve("tsx"),
  join(repositoryRoot, "src/cli/main.ts"),
  ...args,
];

/** Starts `switchboard …` from the sources and leaves it running, for commands that do not end alone (`logs -f`). */
export function spawnCli(
  args: string[],
  options: { env: NodeJS.ProcessEnv; cwd: string },
): ChildProcessWithoutNullStreams {
  return spawn(process.execPath, cliArguments(args), { env: options.env, cwd: options.cwd });
}

/** Runs `switchboard …` from the sources (tsx), as a user would, with the given environment only. */
export function runCli(args: string[], options: { env: NodeJS.ProcessEnv; cwd: string }): Promise<CliResult> {
  return new Promise((resolve) => {
    const child = execFile(
      process.execPath,
      cliArguments(args),
      { env: options.env, cwd: options.cwd, timeout: 60_000 },
      (error, stdout, stderr) => {
        const code = error === null ? 0 : typeof error.code === "number" ? error.code : 1;
        resolve({ code, stdout, stderr });
      },
    );
    // Closed stdin, as in a script: Codex waits for more input on an open one.
    child.stdin?.end();
  });
}
