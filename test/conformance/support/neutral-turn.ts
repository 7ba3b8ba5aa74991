import type { WireApi } from "../../../src/protocols/wire-api.js";

/**
 * A conversation written once and sent by each official SDK in its own shape, so one case runs
 * against every client API. Deliberately small: only what the conformance cases need.
 */
export type NeutralMessage =
  | { role: "user"; text: string; image?: { mediaType: "image/png"; base64: string }; parts?: NeutralPart[] }
  /** A mid-conversation instruction; `developer` where the client API has that role (Anthropic has not). */
  | { role: "system"; text: string }
  | { role: "developer"; text: string }
  | { role: "assistant"; text?: string; toolCalls?: NeutralToolCall[] }
  /** An assistant turn replayed exactly as the client's SDK returned it (`NeutralAnswer.replay`). */
  | { role: "assistant-replay"; replay: unknown }
  | { role: "tool"; callId: string; toolName: string; output: string | NeutralPart[]; isError?: boolean };

/** A content part; when a user message has `parts`, they replace its `text` and `image`. */
export type NeutralPart =
  | { type: "text"; text: string }
  | { type: "image"; mediaType: "image/png"; base64: string }
  | { type: "image-url"; url: string };

export type NeutralToolChoice = "auto" | "none" | "required" | { name: string };

export interface NeutralToolCall {
  id: string;
  name: string;
  arguments: Record<string, unknown>;
}

export interface NeutralTool {
  name: string;
  description: string;
  parameters: Record<string, unknown>;
}

export interface NeutralTurn {
  model: string;
  system?: string;
  messages: NeutralMessage[];
  tools?: NeutralTool[];
  maxTokens?: number;
  /** Ask for reasoning / extended thinking in the client protocol's own way. */
  reasoning?: boolean;
  /** Reasoning effort in the client's own field (`output_config.effort`, `reasoning_effort`, `reasoning.effort`). */
  effort?: "low" | "medium" | "high";
  /** A JSON schema the answer must follow, in the client's own structured-output field. */
  responseFormat?: { name: string; schema: Record<string, unknown> };
  toolChoice?: NeutralToolChoice;
  stopSequences?: string[];
  /** Chat only: send the budget as the deprecated `max_tokens` instead of `max_completion_tokens`. */
  chatMaxTokensField?: "max_tokens" | "max_completion_tokens";
  /** Chat streaming only: `stream_options.include_usage` (the driver asks for usage by default). */
  includeUsage?: boolean;
  /** Raw fields merged into the client's request body, per client API (what only that API has). */
  extraFields?: Partial<Record<WireApi, Record<string, unknown>>>;
  /** Anthropic clients: mark the system prompt and the last user text with `cache_control`. */
  cacheControl?: boolean;
  stream: boolean;
}

/** Where the turn stopped, in the three APIs' shared vocabulary. `other` keeps the raw value. */
export type NeutralStop = "end" | "length" | "tool" | `other:${string}`;

export interface NeutralUsage {
  /** All prompt tokens, cached included (Anthropic splits them; OpenAI reports the total). */
  inputTotal: number;
  output: number;
  cached: number;
  /** Reasoning tokens, where the client API reports them (OpenAI); undefined when it does not. */
  reasoning?: number;
}

/** What the client saw, read back out of the SDK's typed result. */
export interface NeutralAnswer {
  text: string;
  reasoning: string;
  toolCalls: NeutralToolCall[];
  stop: NeutralStop;
  usage: NeutralUsage;
  /** The SDK's own result object, for messages when an assertion fails. */
  raw: unknown;
  /** The assistant turn as the client would send it back next turn (see `assistant-replay`). */
  replay: unknown;
  /** The gateway's response headers, as the SDK's fetch saw them. */
  headers: Headers;
  /** The request body exactly as the SDK sent it to the gateway. */
  sentBody: string;
  /** Streaming only: whether any chunk or event carried usage numbers. */
  usageSeenInStream?: boolean;
}

export interface ClientDriver {
  api: WireApi;
  ask(turn: NeutralTurn): Promise<NeutralAnswer>;
  /** Streams the turn with the SDK's plain iterator; returns the event types seen and what it threw, if anything. */
  streamEvents(turn: NeutralTurn): Promise<StreamOutcome>;
}

export interface StreamOutcome {
  eventTypes: string[];
  /** The events themselves, as the SDK yielded them. */
  events: unknown[];
  error?: unknown;
}

/** Iterates an SDK stream, keeping each event's type and catching the error the SDK throws. */
export async function collectStream(stream: AsyncIterable<unknown>): Promise<StreamOutcome> {
  const eventTypes: string[] = [];
  const events: unknown[] = [];
  try {
    for await (const event of stream) {
      const type = (event as { type?: unknown; object?: unknown }).type ?? (event as { object?: unknown }).object;
      eventTypes.push(String(type));
      events.push(event);
    }
    return { eventTypes, events };
  } catch (error) {
    return { eventTypes, events, error };
  }
}

/** A fetch that remembers the last response's headers, so a driver can show them to the case. */
export function recordingFetch(): { fetch: typeof fetch; lastHeaders: () => Headers; lastBody: () => string } {
  let last = new Headers();
  let body = "";
  return {
    fetch: async (input, init) => {
      body = typeof init?.body === "string" ? init.body : "";
      const response = await fetch(input, init);
      last = response.headers;
      return response;
    },
    lastHeaders: () => last,
    lastBody: () => body,
  };
}
