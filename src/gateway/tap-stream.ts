import type { GatewayError } from "../errors/gateway-error.js";
import type { FinishReason } from "../ir/finish-reason.js";
import type { Usage } from "../ir/usage.js";
import { parseSse, type SseEvent } from "../lib/sse.js";
import type { WireApi } from "../protocols/wire-api.js";
import { translators } from "../translate/registry.js";
import { Channel } from "./channel.js";

export interface StreamSummary {
  usage?: Usage;
  finishReason?: FinishReason;
  /** An in-band error the upstream sent, or the stream ending without its terminal event. */
  error?: GatewayError;
  /** The tap itself failed (a decoder bug): usage is unknown, the client's stream is unaffected. */
  tapFailure?: unknown;
  /** The upstream sent its protocol's last event (`message_stop`, `[DONE]`, `response.completed`, an error event). */
  sawTerminalEvent: boolean;
}

function isTerminalEvent(api: WireApi, event: SseEvent): boolean {
  if (api === "openai-chat") return event.data.trim() === "[DONE]";
  const name = event.event ?? typeFromData(event.data);
  if (name === "error") return true;
  if (api === "anthropic-messages") return name === "message_stop";
  return name === "response.completed" || name === "response.failed" || name === "response.incomplete";
}

function typeFromData(data: string): string | undefined {
  try {
    const parsed: unknown = JSON.parse(data);
    if (parsed !== null && typeof parsed === "object" && "type" in parsed && typeof parsed.type === "string")
      return parsed.type;
  } catch {
    // Not JSON: no type.
  }
  return undefined;
}

/**
 * A read-only copy of a passthrough stream: the bytes go to the client untouched while this
 * decodes them into IR parts, only to learn usage and finish reason for the usage record.
 */
export function tapStream(api: WireApi): {
  push(chunk: Uint8Array): void;
  end(): void;
  summary: Promise<StreamSummary>;
} {
  const channel = new Channel<Uint8Array>();
  const summary: StreamSummary = { sawTerminalEvent: false };
  async function* watchEvents(): AsyncGenerator<SseEvent> {
    for await (const event of parseSse(channel)) {
      if (isTerminalEvent(api, event)) summary.sawTerminalEvent = true;
      yield event;
    }
  }
  async function run(): Promise<StreamSummary> {
    try {
      for await (const part of translators[api].decodeStream(watchEvents())) {
        if (part.type === "finish") {
          summary.usage = part.usage;
          summary.finishReason = part.reason;
        } else if (part.type === "error") {
          summary.error = part.error;
        }
      }
    } catch (error) {
      summary.tapFailure = error;
    }
    // Drain what the decoder left unread (it stops at its finish part, or never started when it
    // threw): the channel must not keep growing, and the terminal-event check must see the whole stream.
    for await (const _event of watchEvents()) void _event;
    return summary;
  }
  return { push: (chunk) => channel.push(chunk), end: () => channel.close(), summary: run() };
}
