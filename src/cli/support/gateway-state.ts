import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { userDataDir } from "../../config/data-dir.js";

/** The pid file a detached gateway writes once it listens, and its log file. */
export function gatewayFiles(env: NodeJS.ProcessEnv): { stateFile: string; logFile: string } {
  const folder = userDataDir(env);
  return { stateFile: join(folder, "gateway.pid"), logFile: join(folder, "gateway.log") };
}

/** What the pid file holds (JSON, so that `status` can say where it listens without asking the config). */
export interface GatewayState {
  pid: number;
  url: string;
  port: number;
  startedAt: string;
  logFile?: string;
  /** The config file it loaded (absolute), so `start --detach --config` can tell it is another one. */
  config?: string;
}

export function writeGatewayState(path: string, state: GatewayState): void {
  mkdirSync(join(path, ".."), { recursive: true, mode: 0o700 });
  writeFileSync(path, `${JSON.stringify(state)}\n`, { mode: 0o600 });
}

export function readGatewayState(path: string): GatewayState | undefined {
  try {
    const state = JSON.parse(readFileSync(path, "utf8")) as GatewayState;
    return typeof state.pid === "number" && typeof state.url === "string" ? state : undefined;
  } catch {
    return undefined;
  }
}

/** Removes the pid file if it is still this process's (a newer gateway may have taken its place). */
export function removeGatewayState(path: string, pid: number): void {
  if (readGatewayState(path)?.pid === pid) rmSync(path, { force: true });
}

export function isProcessAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

/** True when `url` answers `/health` with 200 within a second. */
export async function isHealthy(url: string): Promise<boolean> {
  try {
    const response = await fetch(`${url}/health`, { signal: AbortSignal.timeout(1_000) });
    await response.body?.cancel();
    return response.ok;
  } catch {
    return false;
  }
}

/** The detached gateway recorded in the data folder, when its process is alive. */
export function runningGateway(env: NodeJS.ProcessEnv): GatewayState | undefined {
  const state = readGatewayState(gatewayFiles(env).stateFile);
  return state !== undefined && isProcessAlive(state.pid) ? state : undefined;
}
