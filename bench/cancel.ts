/**
 * `npm run bench:cancel`: what a cancelled request costs. 64 clients each send a small Chat
 * request to a 50 ms upstream and cancel it after 20 ms (Esc in Claude Code), again and again.
 * Prints the gateway's CPU µs per cancelled request, for the floor and Switchboard.
 *   --seconds N   measured seconds per gateway (default 6, after 2 s of warm-up)
 *   --root DIR    measure the Switchboard built in DIR instead of this checkout (e.g. an earlier
 *                 commit's worktree left by `bench:compare` in $TMPDIR/switchboard-compare/<commit>)
 * The floor lets the upstream answer and drops it; Switchboard cancels the upstream request too
 * (it stops the model generating, which the user pays for), and on HTTP/1.1 that closes the
 * connection, so its next request opens a new one.
 */
import { parseArgs } from "node:util";
import { Agent, request } from "undici";
import { smallChatBody } from "./bodies.js";
import { cpuMicroseconds, startFakeUpstream } from "./processes.js";
import { floorTarget, switchboardTarget, switchboardTargetAt, type Target } from "./targets.js";

const { values } = parseArgs({ options: { seconds: { type: "string", default: "6" }, root: { type: "string" } } });
const seconds = Number(values.seconds);
const clients = 64;
const cancelAfterMs = 20;

/** Runs the 64 cancelling clients for `durationMs`; returns how many requests were cancelled and answered. */
async function cancelLoad(url: string, body: string, durationMs: number) {
  const agent = new Agent({ connections: clients * 4 });
  const end = Date.now() + durationMs;
  let cancelled = 0;
  let answered = 0;
  async function client(): Promise<void> {
    while (Date.now() < end) {
      const controller = new AbortController();
      const timer = setTimeout(() => controller.abort(), cancelAfterMs);
      try {
        const response = await request(url, {
          method: "POST",
          body,
          headers: { "content-type": "application/json", authorization: "Bearer bench" },
          signal: controller.signal,
          dispatcher: agent,
        });
        await response.body.text();
        answered++;
      } catch {
        cancelled++;
      }
      clearTimeout(timer);
    }
  }
  await Promise.all(Array.from({ length: clients }, client));
  await agent.close();
  return { cancelled, answered };
}

async function measure(target: Target, upstreamUrl: string, port: number) {
  const running = await target.start(upstreamUrl, port);
  try {
    const route = target.route(
      {
        name: "cancel",
        kind: "passthrough",
        clientApi: "openai-chat",
        upstreamApi: "openai-chat",
        stream: false,
        body: (model) => smallChatBody(model, false),
      },
      upstreamUrl,
    );
    if (route === undefined) throw new Error(`${target.name} cannot serve Chat`);
    const url = `http://127.0.0.1:${port}/v1/chat/completions`;
    const body = smallChatBody(route.model, false);
    await cancelLoad(url, body, 2000);
    await new Promise((resolve) => setTimeout(resolve, 500));
    const before = cpuMicroseconds(running.pid);
    const { cancelled, answered } = await cancelLoad(url, body, seconds * 1000);
    const cpu = cpuMicroseconds(running.pid) - before;
    return { name: target.name, cancelled, answered, perCancel: cpu / cancelled };
  } finally {
    await running.stop();
  }
}

const upstreamPort = 19104;
const upstream = await startFakeUpstream(upstreamPort, { delayMs: 50 });
try {
  const upstreamUrl = `http://127.0.0.1:${upstreamPort}`;
  const floor = await measure(floorTarget, upstreamUrl, 19600);
  const target =
    values.root === undefined ? switchboardTarget : switchboardTargetAt(values.root, `switchboard (${values.root})`);
  const switchboard = await measure(target, upstreamUrl, 19601);
  const lines = [
    `Cancelled requests, ${new Date().toISOString()}: ${clients} clients, small Chat request, 50 ms upstream, cancelled after ${cancelAfterMs} ms; ${seconds} s per gateway after a 2 s warm-up.`,
    "",
    "| gateway | cancelled | answered | CPU µs per cancelled request | × floor |",
    "|---|---:|---:|---:|---:|",
    ...[floor, switchboard].map(
      (row) =>
        `| ${row.name} | ${row.cancelled} | ${row.answered} | ${row.perCancel.toFixed(0)} | ${(row.perCancel / floor.perCancel).toFixed(2)} |`,
    ),
  ];
  process.stdout.write(`${lines.join("\n")}\n`);
} finally {
  await upstream.stop();
}
