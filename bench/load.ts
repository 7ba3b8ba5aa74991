/** Drives load with wrk (Debian package `wrk`) and returns its numbers. */
import { execFile } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const benchDir = new URL(".", import.meta.url).pathname;
const bodyDir = mkdtempSync(join(tmpdir(), "switchboard-bench-"));
let bodyCounter = 0;

export interface LoadResult {
  requests: number;
  durationSeconds: number;
  p50Ms: number;
  p99Ms: number;
  non2xx: number;
  errors: number;
}

export async function runWrk(options: {
  url: string;
  body: string;
  headers: Record<string, string>;
  connections: number;
  seconds: number;
}): Promise<LoadResult> {
  const bodyFile = join(bodyDir, `body-${bodyCounter++}.json`);
  writeFileSync(bodyFile, options.body);
  const headers = Object.entries(options.headers)
    .map(([name, value]) => `${name}: ${value}`)
    .join("|");
  const threads = Math.min(2, options.connections);
  const output = await new Promise<string>((resolve, reject) => {
    execFile(
      "wrk",
      [
        `-t${threads}`,
        `-c${options.connections}`,
        `-d${options.seconds}s`,
        "--timeout",
        "30s",
        "-s",
        join(benchDir, "wrk-post.lua"),
        options.url,
      ],
      { env: { ...process.env, BENCH_BODY_FILE: bodyFile, BENCH_HEADERS: headers }, maxBuffer: 1 << 20 },
      (error, stdout) => (error ? reject(error) : resolve(stdout)),
    );
  });
  const line = output.split("\n").find((candidate) => candidate.startsWith("BENCH_JSON "));
  if (line === undefined) throw new Error(`wrk printed no result:\n${output}`);
  const parsed = JSON.parse(line.slice("BENCH_JSON ".length)) as Record<string, number>;
  return {
    requests: parsed["requests"] ?? 0,
    durationSeconds: (parsed["duration_us"] ?? 1) / 1e6,
    p50Ms: (parsed["p50_us"] ?? 0) / 1000,
    p99Ms: (parsed["p99_us"] ?? 0) / 1000,
    non2xx: parsed["non2xx"] ?? 0,
    errors: parsed["errors"] ?? 0,
  };
}
