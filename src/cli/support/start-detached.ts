import { spawn } from "node:child_process";
import { closeSync, fstatSync, mkdirSync, openSync, readSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { fileFaultReason } from "../../errors/index.js";
import { gatewayFiles, readGatewayState, runningGateway, type GatewayState } from "./gateway-state.js";

/** How to run this same CLI again: the Node binary, its flags (tsx, --no-memory-reducer) and the entry script. */
export function ownInvocation(): { command: string; args: string[] } {
  return { command: process.execPath, args: [...process.execArgv, process.argv[1] ?? "switchboard"] };
}

export class DetachError extends Error {
  override name = "DetachError";
}

/**
 * Makes the data folder (0700) and opens the log file in it for appending, or says plainly why it
 * cannot: a start-up fault of the machine is a sentence, not an fs stack.
 */
function openLogFile(logFile: string): number {
  const folder = dirname(logFile);
  try {
    mkdirSync(folder, { recursive: true, mode: 0o700 });
  } catch (error) {
    throw new DetachError(
      `Cannot create Switchboard's data folder ${folder}: ${fileFaultReason(error)}. Set XDG_DATA_HOME to a folder you can write to, or fix that path.`,
      { cause: error },
    );
  }
  try {
    return openSync(logFile, "a", 0o600);
  } catch (error) {
    throw new DetachError(
      `Cannot open the gateway's log file ${logFile}: ${fileFaultReason(error)}. Fix it or remove it, or set XDG_DATA_HOME to a folder you can write to.`,
      { cause: error },
    );
  }
}

/** What the user asked of `start --detach`: a port (not 0) and a config file, when given. */
export interface DetachRequest {
  port?: number;
  config?: string;
}

/** How the running gateway differs from what was asked, or undefined when it is what was asked. */
function differenceFrom(running: GatewayState, asked: DetachRequest, cwd: string): string | undefined {
  if (asked.port !== undefined && asked.port !== 0 && asked.port !== running.port)
    return `on port ${running.port}, not ${asked.port} as asked`;
  const config = asked.config === undefined ? undefined : resolve(cwd, asked.config);
  if (config !== undefined && config !== running.config)
    return `with ${running.config === undefined ? "no config file" : running.config}, not ${config} as asked`;
  return undefined;
}

/** What this start appended to the log: from `offset`, where the log ended before the child began. */
function readSince(logFile: string, offset: number): string[] {
  let fd: number | undefined;
  try {
    fd = openSync(logFile, "r");
    const length = Math.max(0, fstatSync(fd).size - offset);
    const buffer = Buffer.alloc(length);
    readSync(fd, buffer, 0, length, offset);
    return buffer
      .toString("utf8")
      .split("\n")
      .filter((line) => line.trim() !== "");
  } catch {
    return [];
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

/**
 * Starts `switchboard start` in the background, its output appended to the log file in the data
 * folder, and waits until it has written its pid file (it does so once it listens). A gateway
 * already running is reported, not started twice; when it is not the one asked for (another port,
 * another config), that is an error, since the one asked for would never be served.
 */
export async function startDetached(options: {
  startArguments: string[];
  env: NodeJS.ProcessEnv;
  asked?: DetachRequest;
  cwd?: string;
  waitMs?: number;
}): Promise<{ state: GatewayState; alreadyRunning: boolean; logFile: string }> {
  const { stateFile, logFile } = gatewayFiles(options.env);
  const existing = runningGateway(options.env);
  if (existing !== undefined) {
    const difference = differenceFrom(existing, options.asked ?? {}, options.cwd ?? process.cwd());
    if (difference !== undefined)
      throw new DetachError(
        `Switchboard is already running at ${existing.url} (pid ${existing.pid}), ${difference}. Stop it first (\`switchboard stop\`), or start this one with its own data folder (XDG_DATA_HOME=<another folder>).`,
      );
    return { state: existing, alreadyRunning: true, logFile };
  }
  const log = openLogFile(logFile);
  // Earlier sessions' lines are not this start's story: a failure shows only what comes after.
  const logStart = fstatSync(log).size;
  const invocation = ownInvocation();
  const child = spawn(
    invocation.command,
    [...invocation.args, "start", ...options.startArguments, "--state-file", stateFile],
    {
      detached: true,
      stdio: ["ignore", log, log],
      env: options.env,
    },
  );
  closeSync(log);
  let exited: number | null | undefined;
  child.once("exit", (code) => (exited = code));
  child.unref();
  const deadline = Date.now() + (options.waitMs ?? 20_000);
  while (Date.now() < deadline) {
    const state = readGatewayState(stateFile);
    if (state !== undefined && state.pid === child.pid)
      return { state: { ...state, logFile }, alreadyRunning: false, logFile };
    if (exited !== undefined) break;
    await sleep(100);
  }
  if (exited === undefined) child.kill("SIGTERM");
  const lines = readSince(logFile, logStart);
  // The gateway's last words are why it stopped (`Cannot listen on …`); they come first.
  const reason = exited === undefined ? "it did not listen in time" : (lines.pop() ?? `it exited with code ${exited}`);
  const before = lines.length === 0 ? "" : `\nWhat it wrote before (in ${logFile}):\n${lines.slice(-15).join("\n")}`;
  throw new DetachError(`The gateway did not start: ${reason}${before}`);
}
