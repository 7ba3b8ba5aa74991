import { spawn } from "node:child_process";

export interface ProcessResult {
  exitCode: number | null;
  stdout: string;
  stderr: string;
  durationMs: number;
}

/**
 * Runs a command with stdin closed (both clients wait for more input otherwise) and collects
 * its output. `killAfterMs` is a safety net against a hung client, not an assertion.
 */
export function runProcess(options: {
  command: string;
  args: string[];
  cwd: string;
  env: NodeJS.ProcessEnv;
  input?: string;
  killAfterMs?: number;
}): Promise<ProcessResult> {
  const started = Date.now();
  return new Promise((resolve, reject) => {
    const child = spawn(options.command, options.args, {
      cwd: options.cwd,
      env: options.env,
      stdio: [options.input === undefined ? "ignore" : "pipe", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout?.setEncoding("utf8").on("data", (chunk: string) => (stdout += chunk));
    child.stderr?.setEncoding("utf8").on("data", (chunk: string) => (stderr += chunk));
    if (options.input !== undefined && child.stdin !== null) child.stdin.end(options.input);
    const timer = setTimeout(() => child.kill("SIGKILL"), options.killAfterMs ?? 120_000);
    child.on("error", (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.on("close", (exitCode) => {
      clearTimeout(timer);
      resolve({ exitCode, stdout, stderr, durationMs: Date.now() - started });
    });
  });
}

/** An environment with nothing from the developer's machine that could change a client's behaviour. */
export function cleanEnvironment(extra: Record<string, string>): NodeJS.ProcessEnv {
  const keep = ["PATH", "LANG", "TERM", "TMPDIR", "SYSTEMROOT"];
  const env: NodeJS.ProcessEnv = {};
  for (const name of keep) if (process.env[name] !== undefined) env[name] = process.env[name];
  return { ...env, ...extra };
}
