import { createReadStream, existsSync, statSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { setTimeout as sleep } from "node:timers/promises";
import type { Command } from "commander";
import { gatewayFiles } from "../support/gateway-state.js";

/** Copies what the file gained since `offset` to `write`; returns the new offset. */
async function copyFrom(path: string, offset: number, write: (text: string) => void): Promise<number> {
  const size = statSync(path).size;
  if (size < offset) return 0; // truncated or replaced: start again from the top
  if (size === offset) return offset;
  for await (const chunk of createReadStream(path, { start: offset, end: size - 1, encoding: "utf8" }))
    write(chunk as string);
  return size;
}

/** `switchboard logs [-f]`: the detached gateway's log, its last lines, and with `follow` what it writes next. */
export async function showLogs(options: {
  env: NodeJS.ProcessEnv;
  lines: number;
  follow: boolean;
  write: (text: string) => void;
  signal?: AbortSignal;
}): Promise<boolean> {
  const { logFile } = gatewayFiles(options.env);
  if (!existsSync(logFile)) {
    options.write(`No log yet at ${logFile} (it is written by \`switchboard start --detach\`).\n`);
    return false;
  }
  const text = await readFile(logFile, "utf8");
  const lines = text.split("\n");
  if (lines.at(-1) === "") lines.pop();
  // `slice(-0)` would be every line, not none.
  const tail = options.lines === 0 ? [] : lines.slice(-options.lines);
  if (tail.length > 0) options.write(`${tail.join("\n")}\n`);
  let offset = Buffer.byteLength(text);
  while (options.follow && options.signal?.aborted !== true) {
    await sleep(250, undefined, { signal: options.signal }).catch(() => undefined);
    if (existsSync(logFile)) offset = await copyFrom(logFile, offset, options.write);
  }
  return true;
}

export function registerLogsCommand(program: Command): void {
  program
    .command("logs")
    .description("print the detached gateway's log")
    .option("-f, --follow", "keep printing what the gateway writes")
    .option("-n, --lines <count>", "how many of the last lines to print first", "100")
    .action(async (options: { follow?: boolean; lines: string }) => {
      // Ctrl-C ends a follow the way the user meant it: done, exit code 0, not killed by a signal.
      const stop = new AbortController();
      const onSignal = () => stop.abort();
      process.once("SIGINT", onSignal).once("SIGTERM", onSignal);
      try {
        const found = await showLogs({
          env: process.env,
          lines: Math.max(0, Number(options.lines) || 0),
          follow: options.follow === true,
          write: (text) => process.stdout.write(text),
          signal: stop.signal,
        });
        if (!found) process.exitCode = 1;
      } finally {
        process.off("SIGINT", onSignal).off("SIGTERM", onSignal);
      }
    });
}
