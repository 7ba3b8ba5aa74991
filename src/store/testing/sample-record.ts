import { Writable } from "node:stream";
import { createLogger, type Logger } from "../../lib/logger.js";
import type { UsageRecord } from "../usage-record.js";

let counter = 0;

/** A served request's record, as the gateway writes one; `overrides` change any field. */
export function sampleRecord(overrides: Partial<UsageRecord> = {}): UsageRecord {
  counter += 1;
  return {
    requestId: `req_${String(counter).padStart(6, "0")}`,
    startedAt: new Date().toISOString(),
    clientApi: "anthropic-messages",
    requestedModel: "sonnet",
    provider: "copilot",
    upstreamModel: "claude-sonnet-4.5",
    upstreamApi: "anthropic-messages",
    passthrough: true,
    stream: true,
    status: 200,
    usage: { inputTokens: 1000, outputTokens: 200, cacheReadTokens: 600, reasoningTokens: 50 },
    finishReason: { unified: "stop", raw: "end_turn" },
    durationMs: 1200,
    firstByteMs: 300,
    attempts: [{ provider: "copilot", model: "claude-sonnet-4.5", outcome: "served", status: 200 }],
    warnings: [],
    initiator: "user",
    client: "claude-code",
    clientVersion: "2.1.197",
    sessionId: "session-a",
    route: "sonnet",
    premiumSpent: 1,
    premiumSaved: 0,
    ...overrides,
  };
}

/** A logger whose lines are kept in `lines` (parsed JSON). */
export function captureLogger(): { logger: Logger; lines: Array<Record<string, unknown>> } {
  const lines: Array<Record<string, unknown>> = [];
  const destination = new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const line of chunk.toString("utf8").split("\n")) if (line.trim() !== "") lines.push(JSON.parse(line));
      done();
    },
  });
  return { logger: createLogger({ level: "debug", destination }), lines };
}
