/**
 * The soak: many concurrent streams through Switchboard for minutes, RSS sampled every 10 s.
 * Reports the series and the slope of RSS after the first minute (warm-up): flat means no leak.
 */
import { claudeCodeBody } from "./bodies.js";
import { runWrk } from "./load.js";
import { residentBytes, startFakeUpstream } from "./processes.js";
import { switchboardTarget } from "./targets.js";

function slopePerMinute(points: Array<[number, number]>): number {
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

export async function runSoak(options: { minutes: number; upstreamPort: number; port: number }): Promise<string> {
  const upstream = await startFakeUpstream(options.upstreamPort);
  const upstreamUrl = `http://127.0.0.1:${options.upstreamPort}`;
  const gateway = await switchboardTarget.start(upstreamUrl, options.port);
  const samples: Array<[number, number]> = [];
  const started = Date.now();
  const timer = setInterval(
    () => samples.push([(Date.now() - started) / 60_000, residentBytes(gateway.pid) / 2 ** 20]),
    10_000,
  );
  try {
    await runWrk({
      url: `http://127.0.0.1:${options.port}/v1/messages`,
      body: claudeCodeBody("to-chat", true),
      headers: { "x-api-key": "bench", "anthropic-version": "2023-06-01" },
      connections: 32,
      seconds: Math.round(options.minutes * 60),
    });
  } finally {
    clearInterval(timer);
    await gateway.stop();
    await upstream.stop();
  }
  const afterWarmUp = samples.filter(([minute]) => minute >= 1);
  const series = samples.map(([minute, mb]) => `${minute.toFixed(1)} min: ${mb.toFixed(0)} MB`).join(", ");
  return `Soak: ${options.minutes} min, 32 concurrent streams (Claude Code body → Chat upstream, translated). RSS: ${series}. Slope after the first minute: ${slopePerMinute(afterWarmUp).toFixed(2)} MB/min.`;
}
