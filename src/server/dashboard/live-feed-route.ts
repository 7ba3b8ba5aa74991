import type { FastifyInstance } from "fastify";
import type { UsageRecord } from "../../store/usage-record.js";
import type { UsageFeed } from "./live-usage-feed.js";
import { requestSummaryOf } from "./request-summary.js";

/** Rows are sent in batches: at 200 requests/s one write per interval instead of 200. */
const flushIntervalMs = 250;
const heartbeatMs = 15_000;

/**
 * `GET /dashboard/api/live`: Server-Sent Events, one `requests` event per batch of finished
 * requests (summaries, never bodies). `retry: 1000` makes the browser reconnect a second after the
 * gateway went away.
 */
export function registerLiveFeedRoute(app: FastifyInstance, feed: UsageFeed | undefined): void {
  app.get("/api/live", async (request, reply) => {
    reply.hijack();
    const response = reply.raw;
    response.writeHead(200, {
      "content-type": "text/event-stream; charset=utf-8",
      "cache-control": "no-store",
      connection: "keep-alive",
      "x-accel-buffering": "no",
    });
    response.write(`retry: 1000\nevent: hello\ndata: ${JSON.stringify({ live: feed !== undefined })}\n\n`);
    let pending: UsageRecord[] = [];
    const flush = (): void => {
      if (pending.length === 0) return;
      const rows = pending.map(requestSummaryOf);
      pending = [];
      response.write(`event: requests\ndata: ${JSON.stringify(rows)}\n\n`);
    };
    const unsubscribe = feed?.onRecorded((row) => void pending.push(row)) ?? (() => undefined);
    const flusher = setInterval(flush, flushIntervalMs);
    const heartbeat = setInterval(() => response.write(": ping\n\n"), heartbeatMs);
    const stop = (): void => {
      unsubscribe();
      clearInterval(flusher);
      clearInterval(heartbeat);
    };
    request.raw.once("close", stop);
    response.once("close", stop);
  });
}
