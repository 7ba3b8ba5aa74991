/**
 * The check that streams are forwarded chunk by chunk: an upstream sends its first event at once
 * and the rest `dripMs` later; a gateway that forwards as it reads delivers its first chunk to the
 * client well before that, one that buffers delivers nothing until the upstream has finished.
 * A bench step, not a test: it reports, it never fails a build.
 */
import { request } from "node:http";
import { startFakeUpstream, type RunningProcess } from "./processes.js";
import { clientPaths, type Scenario } from "./scenarios.js";
import type { Target } from "./targets.js";

const dripMs = 1000;

export interface StreamCheck {
  target: string;
  scenario: string;
  status: number;
  firstChunkMs: number;
  totalMs: number;
  chunkByChunk: boolean;
}

function timeStream(
  url: string,
  headers: Record<string, string>,
  body: string,
): Promise<Omit<StreamCheck, "target" | "scenario" | "chunkByChunk">> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    let firstChunkMs = Number.NaN;
    const outgoing = request(
      url,
      { method: "POST", headers: { "content-type": "application/json", ...headers } },
      (response) => {
        response.on("data", () => {
          if (Number.isNaN(firstChunkMs)) firstChunkMs = performance.now() - started;
        });
        response.on("end", () =>
          resolve({ status: response.statusCode ?? 0, firstChunkMs, totalMs: performance.now() - started }),
        );
        response.on("error", reject);
      },
    );
    outgoing.on("error", reject);
    outgoing.end(body);
  });
}

export async function checkStreaming(options: {
  targets: Target[];
  scenarios: Scenario[];
  upstreamPort: number;
  firstPort: number;
}): Promise<StreamCheck[]> {
  const upstream = await startFakeUpstream(options.upstreamPort, { dripMs });
  const upstreamUrl = `http://127.0.0.1:${options.upstreamPort}`;
  const checks: StreamCheck[] = [];
  try {
    for (const [index, target] of options.targets.entries()) {
      const port = options.firstPort + index;
      let running: RunningProcess;
      try {
        running = await target.start(upstreamUrl, port);
      } catch (error) {
        process.stderr.write(`stream check: ${target.name} did not start (${String(error)})\n`);
        continue;
      }
      try {
        for (const scenario of options.scenarios.filter((candidate) => candidate.stream)) {
          const route = target.route(scenario, upstreamUrl);
          if (route === undefined) continue;
          const headers = {
            authorization: "Bearer bench",
            "x-api-key": "bench",
            "anthropic-version": "2023-06-01",
            ...route.headers,
          };
          const url = `http://127.0.0.1:${port}${clientPaths[scenario.clientApi]}`;
          try {
            const timing = await timeStream(url, headers, scenario.body(route.model));
            checks.push({
              target: target.name,
              scenario: scenario.name,
              ...timing,
              chunkByChunk: timing.status === 200 && timing.firstChunkMs < dripMs / 2 && timing.totalMs >= dripMs,
            });
          } catch {
            checks.push({
              target: target.name,
              scenario: scenario.name,
              status: 0,
              firstChunkMs: Number.NaN,
              totalMs: Number.NaN,
              chunkByChunk: false,
            });
          }
        }
      } finally {
        await running.stop();
      }
    }
  } finally {
    await upstream.stop();
  }
  return checks;
}

export function formatStreamChecks(checks: StreamCheck[]): string {
  const lines = [
    `Streams forwarded chunk by chunk (upstream sends its first event, then the rest ${dripMs} ms later):`,
    "",
    "| scenario | gateway | status | first chunk ms | complete ms | chunk by chunk |",
    "|---|---|---:|---:|---:|---|",
  ];
  for (const check of checks) {
    lines.push(
      `| ${check.scenario} | ${check.target} | ${check.status} | ${check.firstChunkMs.toFixed(0)} | ${check.totalMs.toFixed(0)} | ${check.chunkByChunk ? "yes" : "NO"} |`,
    );
  }
  return lines.join("\n");
}
