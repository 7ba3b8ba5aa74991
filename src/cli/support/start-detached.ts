import { spawn } from "node:child_process";
import { mkdirSync, openSync, readFileSync } from "node:fs";
import { dirname } from "node:path";
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

/**
 * Starts `switchboard start` in the background, its output appended to the log file in the data
 * folder, and waits until it has written its pid file (it does so once it listens). A gateway
 * already running is reported, not started twice.
 */
export async function startDetached(options: {
  startArguments: string[];
  env: NodeJS.ProcessEnv;
  waitMs?: number;
}): Promise<{ state: GatewayState; alreadyRunning: boolean; logFile: string }> {
  const { stateFile, logFile } = gatewayFiles(options.env);
  const existing = runningGateway(options.env);
  if (existing !== undefined) return { state: existing, alreadyRunning: true, logFile };
  const log = openLogFile(logFile);
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
  const tail = readFileSync(logFile, "utf8").split("\n").slice(-15).join("\n");
  if (exited === undefined) child.kill("SIGTERM");
  throw new DetachError(
    `The gateway did not start${exited === undefined ? " in time" : ` (exit ${exited})`}. The end of ${logFile}:\n${tail}`,
  );
}
