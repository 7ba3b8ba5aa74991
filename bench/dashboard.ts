// The dashboard's two figures (issue 24), measured once, not asserted:
//  - how long the overview takes to become interactive on localhost (navigation start to the
//    cards filled from the store), in real Chromium;
//  - what the live feed costs the gateway at 200 requests/s: process CPU with one SSE viewer
//    (curl, another process) against none, same load, alternating rounds.
// Usage: node --import tsx bench/dashboard.ts [--seconds 8] [--rounds 2] [--loads 7]
import { spawn } from "node:child_process";
import { Writable } from "node:stream";
import { requestSummaryOf } from "../src/server/dashboard/request-summary.js";
import { teeUsageSink } from "../src/server/dashboard/live-usage-feed.js";
import type { UsageRecord } from "../src/store/usage-record.js";
import { parseArgs } from "node:util";
import { startDashboardStack, type DashboardStack } from "../test/dashboard/start-dashboard-stack.js";
import { launchChromium } from "../test/browser/open-browser.js";

const { values } = parseArgs({
  options: {
    seconds: { type: "string", default: "8" },
    rounds: { type: "string", default: "2" },
    loads: { type: "string", default: "7" },
  },
});
const seconds = Number(values.seconds);
const rounds = Number(values.rounds);
const loads = Number(values.loads);

/** The little of the DOM the page-side functions read. */
interface BrowserGlobals {
  document: { querySelector(selector: string): { textContent: string | null } | null };
  performance: { getEntriesByType(type: string): Array<{ domInteractive: number }>; now(): number };
}

function median(numbers: number[]): number {
  const sorted = [...numbers].sort((left, right) => left - right);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
}

async function pageInteractive(stack: DashboardStack): Promise<{ interactive: number[]; filled: number[] }> {
  const browser = await launchChromium();
  const interactive: number[] = [];
  const filled: number[] = [];
  try {
    for (let index = 0; index < loads; index++) {
      const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
      const page = await context.newPage();
      await page.goto(`${stack.url}/dashboard#/overview`);
      // Functions, not strings: the page's CSP forbids eval. The bench's tsconfig has no DOM types.
      await page.waitForFunction(() => {
        const { document } = globalThis as unknown as BrowserGlobals;
        const card = document.querySelector('dd[data-card="Requests"]');
        return card !== null && card.textContent !== "–";
      });
      const timing = await page.evaluate(() => {
        const { performance } = globalThis as unknown as BrowserGlobals;
        return {
          interactive: performance.getEntriesByType("navigation")[0]?.domInteractive ?? NaN,
          now: performance.now(),
        };
      });
      interactive.push(timing.interactive);
      filled.push(timing.now);
      await context.close();
    }
  } finally {
    await browser.close();
  }
  return { interactive, filled };
}

/** Sends `rate` chat requests a second for `seconds`; returns the process CPU used (ms) and requests done. */
async function load(stack: DashboardStack, rate: number): Promise<{ cpuMs: number; done: number; failed: number }> {
  let done = 0;
  let failed = 0;
  const started = process.cpuUsage();
  const end = Date.now() + seconds * 1000;
  const pending: Array<Promise<void>> = [];
  const interval = 1000 / rate;
  let next = Date.now();
  while (Date.now() < end) {
    pending.push(
      stack.chat("fast").then(
        async (response) => {
          await response.arrayBuffer();
          if (response.status === 200) done++;
          else failed++;
        },
        () => void failed++,
      ),
    );
    next += interval;
    const wait = next - Date.now();
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
  }
  await Promise.all(pending);
  const used = process.cpuUsage(started);
  return { cpuMs: (used.user + used.system) / 1000, done, failed };
}

async function liveFeedCost(stack: DashboardStack): Promise<void> {
  const session = await fetch(`${stack.url}/dashboard/api/session`);
  const cookie = (session.headers.get("set-cookie") ?? "").split(";")[0] ?? "";
  await load(stack, 200); // warm-up
  const without: number[] = [];
  const withViewer: number[] = [];
  for (let round = 0; round < rounds; round++) {
    const plain = await load(stack, 200);
    without.push(plain.cpuMs);
    const viewer = spawn("curl", ["-sN", "-H", `cookie: ${cookie}`, `${stack.url}/dashboard/api/live`], {
      stdio: ["ignore", "ignore", "ignore"],
    });
    await new Promise((resolve) => setTimeout(resolve, 500));
    const watched = await load(stack, 200);
    withViewer.push(watched.cpuMs);
    viewer.kill();
    console.log(
      `round ${round + 1}: ${plain.done} and ${watched.done} requests (${plain.failed + watched.failed} failed); CPU ${plain.cpuMs.toFixed(0)} ms without a viewer, ${watched.cpuMs.toFixed(0)} ms with one`,
    );
  }
  const difference = median(withViewer) - median(without);
  console.log(
    `live feed at 200 requests/s: ${difference.toFixed(0)} ms CPU over ${seconds} s = ${((difference / (seconds * 1000)) * 100).toFixed(2)} % of one core (median of ${rounds} rounds; without a viewer the whole process used ${((median(without) / (seconds * 1000)) * 100).toFixed(1)} %)`,
  );
}

/**
 * The feed's own work, without the load around it: 200 rows a second through the tee, batched
 * every 250 ms (50 rows), summarised, serialised and written to a socket-like stream that
 * discards. CPU per second of rows at 200 requests/s, as a share of one core.
 */
function feedWorkAlone(): void {
  const { sink, feed } = teeUsageSink({ record: () => undefined });
  const out = new Writable({ write: (_chunk, _encoding, done) => done() });
  let pending: UsageRecord[] = [];
  feed.onRecorded((row) => void pending.push(row));
  const row: UsageRecord = {
    requestId: "req_0123456789abcdef",
    startedAt: new Date().toISOString(),
    clientApi: "anthropic-messages",
    requestedModel: "claude-sonnet-4.5",
    provider: "copilot",
    upstreamModel: "claude-sonnet-4.5",
    stream: true,
    status: 200,
    usage: { inputTokens: 12_345, outputTokens: 678 },
    durationMs: 2_345,
    firstByteMs: 456,
    attempts: [{ provider: "copilot", model: "claude-sonnet-4.5", outcome: "served" }],
    warnings: [],
    client: "claude-code",
    sessionId: "0f9e8d7c-6b5a-4321-8765-0123456789ab",
  };
  const seconds = 200;
  const started = process.cpuUsage();
  for (let second = 0; second < seconds; second++) {
    for (let batch = 0; batch < 4; batch++) {
      for (let index = 0; index < 50; index++) sink.record(row);
      out.write(`event: requests\ndata: ${JSON.stringify(pending.map(requestSummaryOf))}\n\n`);
      pending = [];
    }
  }
  const used = process.cpuUsage(started);
  const perSecondMs = (used.user + used.system) / 1000 / seconds;
  console.log(
    `live feed work alone: ${perSecondMs.toFixed(3)} ms CPU per second of traffic at 200 requests/s = ${(perSecondMs / 10).toFixed(3)} % of one core (${seconds} simulated seconds)`,
  );
}

feedWorkAlone();
const stack = await startDashboardStack({ withStore: true });
try {
  for (let index = 0; index < 50; index++) await stack.chat("fast");
  const page = await pageInteractive(stack);
  console.log(
    `overview on localhost (${loads} loads): DOM interactive median ${median(page.interactive).toFixed(0)} ms, cards filled from the store median ${median(page.filled).toFixed(0)} ms (max ${Math.max(...page.filled).toFixed(0)} ms)`,
  );
  await liveFeedCost(stack);
} finally {
  await stack.close();
}
