import { rmSync } from "node:fs";
import { setTimeout as sleep } from "node:timers/promises";
import type { Command } from "commander";
import { gatewayFiles, isProcessAlive, readGatewayState } from "../support/gateway-state.js";
import { defaultStopGraceSeconds } from "./start.js";

/**
 * `switchboard stop`: asks the detached gateway to stop (SIGTERM: it finishes the streams in
 * flight within its grace period) and waits for it; a gateway still there after that is killed.
 */
export async function stopGateway(options: {
  env: NodeJS.ProcessEnv;
  write: (line: string) => void;
  waitMs?: number;
}): Promise<boolean> {
  const { stateFile } = gatewayFiles(options.env);
  const state = readGatewayState(stateFile);
  if (state === undefined || !isProcessAlive(state.pid)) {
    if (state !== undefined) rmSync(stateFile, { force: true });
    options.write("Switchboard is not running (no live pid file in the data folder).");
    return false;
  }
  process.kill(state.pid, "SIGTERM");
  const deadline = Date.now() + (options.waitMs ?? (defaultStopGraceSeconds + 5) * 1000);
  while (isProcessAlive(state.pid) && Date.now() < deadline) await sleep(100);
  if (isProcessAlive(state.pid)) {
    process.kill(state.pid, "SIGKILL");
    rmSync(stateFile, { force: true });
    options.write(`Switchboard (pid ${state.pid}) did not stop in time and was killed.`);
    return true;
  }
  options.write(`Switchboard (pid ${state.pid}) stopped.`);
  return true;
}

export function registerStopCommand(program: Command): void {
  program
    .command("stop")
    .description(
      "stop the gateway recorded in the data folder (`start --detach`, or a `start` in another terminal); streams in flight finish first",
    )
    .action(async () => {
      await stopGateway({ env: process.env, write: (line) => console.log(line) });
    });
}
