/**
 * The soak: many concurrent streams through Switchboard for minutes, a share of them read slowly,
 * RSS sampled every 10 s. Reports the series, the slope of RSS after the warm-up (flat means no
 * leak, and slow readers held back rather than buffered) and every stream that did not end whole.
 */
import { setTimeout as sleep } from "node:timers/promises";
import { Agent, request } from "undici";
import { claudeCodeBody } from "./bodies.js";
import { residentBytes, startFakeUpstream } from "./processes.js";
import { switchboardTarget } from "./targets.js";

export interface SoakOptions {
  minutes: number;
  upstreamPort: number;
  port: number;
  /** Streams open at once (default 200). */
  concurrency?: number;
  /** The share of clients that read slowly (default 0.25). */
  slowShare?: number;
  /** Minutes left out of the slope (default 1). */
  warmUpMinutes?: number;
}

/** Least-squares slope of `[minute, MB]` points, in MB per minute. */
export function slopePerMinute(points: Array<[number, number]>): number {
  const count = points.length;
  if (count < 2) return 0;
  const meanX = points.reduce((sum, [x]) => sum + x, 0) / count;
  const meanY = points.reduce((sum, [, y]) => sum + y, 0) / count;
  let numerator = 0;
  let denominator = 0;
  for (const [x, y] of points) {
    numerator += (x - meanX) * (y - meanY);
    denominator += (x - meanX) ** 2;
  }
  return denominator === 0 ? 0 : numerator / denominator;
}

const endOfStream = 'event: message_stop\ndata: {"type":"message_stop"}';

export async function runSoak(options: SoakOptions): Promise<string> {
  const concurrency = options.concurrency ?? 200;
  const slowShare = options.slowShare ?? 0.25;
  const warmUpMinutes = options.warmUpMinutes ?? 1;
  // Each stream's first event at once, the rest 200 ms later: streams stay open, 200 at a time.
  const upstream = await startFakeUpstream(options.upstreamPort, { dripMs: 200 });
  const gateway = await switchboardTarget.start(`http://127.0.0.1:${options.upstreamPort}`, options.port);
  const agent = new Agent({ connections: concurrency });
  const body = claudeCodeBody("to-chat", true);
  const samples: Array<[number, number]> = [];
  const started = Date.now();
  const end = started + options.minutes * 60_000;
  const timer = setInterval(
    () => samples.push([(Date.now() - started) / 60_000, residentBytes(gateway.pid) / 2 ** 20]),
    10_000,
  );
  let served = 0;
  const errors = new Map<string, number>();
  const fail = (what: string) => errors.set(what, (errors.get(what) ?? 0) + 1);

  async function client(slow: boolean): Promise<void> {
    while (Date.now() < end) {
      try {
        const response = await request(`http://127.0.0.1:${options.port}/v1/messages`, {
          method: "POST",
          dispatcher: agent,
          headers: { "content-type": "application/json", "x-api-key": "bench", "anthropic-version": "2023-06-01" },
          body,
        });
        let text = "";
        for await (const chunk of response.body) {
          text += (chunk as Buffer).toString("utf8");
          // A slow reader: the gateway must hold the stream back, not buffer it.
          if (slow) await sleep(30);
        }
        if (response.statusCode !== 200) fail(`status ${response.statusCode}`);
        else if (!text.includes(endOfStream)) fail("stream not ended by message_stop");
        else served += 1;
      } catch (error) {
        fail((error as Error).message);
      }
    }
  }

  const slowClients = Math.round(concurrency * slowShare);
  try {
    await Promise.all(Array.from({ length: concurrency }, (_, index) => client(index < slowClients)));
  } finally {
    clearInterval(timer);
    await agent.close();
    await gateway.stop();
    await upstream.stop();
  }
  const afterWarmUp = samples.filter(([minute]) => minute >= warmUpMinutes);
  const series = samples.map(([minute, mb]) => `${minute.toFixed(1)} min: ${mb.toFixed(0)} MB`).join(", ");
  const errorText = errors.size === 0 ? "none" : [...errors].map(([what, count]) => `${count} × ${what}`).join("; ");
  return [
    `Soak: ${options.minutes} min, ${concurrency} concurrent streams (${slowClients} of them slow readers, 30 ms a chunk), Claude Code body → Chat upstream (translated), upstream drip 200 ms.`,
    `Streams served whole: ${served} (${(served / (options.minutes * 60)).toFixed(0)}/s). Errors: ${errorText}.`,
    `RSS: ${series}.`,
    `Slope after the first ${warmUpMinutes} min: ${slopePerMinute(afterWarmUp).toFixed(2)} MB/min (goal: under 1 MB/min).`,
  ].join("\n");
}
