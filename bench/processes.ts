/** Starting the processes under test and reading what they cost from /proc. */
import { spawn, type ChildProcess } from "node:child_process";
import { closeSync, openSync, readFileSync } from "node:fs";
import { createConnection } from "node:net";
import { join } from "node:path";

const clockTicksPerSecond = 100;

export interface RunningProcess {
  child: ChildProcess;
  /** The pid whose CPU and memory are measured (may differ from the child's for daemons). */
  pid: number;
  stop(): Promise<void>;
}

/** How a gateway is launched: plainly, or under a tool such as valgrind (`count-instructions.ts`). */
export interface Launch {
  /** Command and arguments put before the gateway's own command. */
  prefix: string[];
  /** How long to wait for the port (a gateway under valgrind starts in tens of seconds). */
  startTimeoutMs: number;
}

export function startProcess(
  command: string,
  args: string[],
  options: { env?: NodeJS.ProcessEnv; cwd?: string; launch?: Launch } = {},
): RunningProcess {
  const [wrapper, ...wrapperArgs] = options.launch?.prefix ?? [];
  const output = outputOf(args);
  const child = spawn(wrapper ?? command, wrapper === undefined ? args : [...wrapperArgs, command, ...args], {
    env: { ...process.env, ...options.env },
    cwd: options.cwd,
    stdio: ["ignore", ...output],
  });
  if (typeof output[0] === "number") closeSync(output[0]);
  return {
    child,
    pid: child.pid ?? -1,
    stop: () =>
      new Promise((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once("exit", () => resolve());
        child.kill("SIGTERM");
        setTimeout(() => child.kill("SIGKILL"), 3000).unref();
      }),
  };
}

export async function waitForPort(port: number, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const open = await new Promise<boolean>((resolve) => {
      const socket = createConnection({ port, host: "127.0.0.1" }, () => {
        socket.end();
        resolve(true);
      });
      socket.on("error", () => resolve(false));
    });
    if (open) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`nothing listens on port ${port} after ${timeoutMs} ms`);
}

let processCount = 0;

/**
 * Where a process's stdout and stderr go: nowhere; stderr to ours with BENCH_VERBOSE; or both to a
 * file per process in BENCH_OUTPUT_DIR (e.g. for `--trace-gc` given by BENCH_SWITCHBOARD_NODE_FLAGS).
 */
function outputOf(args: string[]): ["ignore" | number, "ignore" | "inherit" | number] {
  const directory = process.env["BENCH_OUTPUT_DIR"];
  if (directory !== undefined) {
    processCount += 1;
    const port = args.map((arg) => /(\d{4,5})/.exec(arg)?.[1]).find(Boolean) ?? "process";
    const file = openSync(join(directory, `${processCount}-${port}.log`), "w");
    return [file, file];
  }
  return ["ignore", process.env["BENCH_VERBOSE"] ? "inherit" : "ignore"];
}

/** User + system CPU time of a process, in microseconds. */
export function cpuMicroseconds(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  const ticks = Number(fields[11]) + Number(fields[12]);
  return (ticks / clockTicksPerSecond) * 1_000_000;
}

/** Resident set size in bytes. */
export function residentBytes(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, "utf8");
  const match = /VmRSS:\s+(\d+) kB/.exec(status);
  return match ? Number(match[1]) * 1024 : 0;
}

/** Samples RSS every `intervalMs` until stopped; returns the peak seen. */
export function sampleRss(pid: number, intervalMs = 100): { stop(): number; samples: number[] } {
  const samples: number[] = [];
  const timer = setInterval(() => {
    try {
      samples.push(residentBytes(pid));
    } catch {
      // The process ended; the peak so far stands.
    }
  }, intervalMs);
  return {
    samples,
    stop() {
      clearInterval(timer);
      return samples.length === 0 ? residentBytes(pid) : Math.max(...samples);
    },
  };
}

/** Starts `fake-upstream.ts` on `port` and waits until it listens. `delayMs`/`dripMs` as its options. */
export async function startFakeUpstream(
  port: number,
  options: { delayMs?: number; dripMs?: number } = {},
): Promise<RunningProcess> {
  const benchDir = new URL(".", import.meta.url).pathname;
  const running = startProcess(
    process.execPath,
    [
      "--import",
      "tsx",
      join(benchDir, "fake-upstream.ts"),
      "--port",
      String(port),
      "--delay",
      String(options.delayMs ?? 0),
      "--drip",
      String(options.dripMs ?? 0),
    ],
    { cwd: join(benchDir, "..") },
  );
  await waitForPort(port);
  return running;
}
