import type { WireApi } from "../../../src/protocols/wire-api.js";

/**
 * A conversation written once and sent by each official SDK in its own shape, so one case runs
 * against every client API. Deliberately small: only what the conformance cases need.
 */
export type NeutralMessage =
  | { role: "user"; text: string; image?: { mediaType: "image/png"; base64: string } }
  | { role: "assistant"; text?: string; toolCalls?: NeutralToolCall[] }
  | { role: "tool"; callId: string; toolName: string; output: string };

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
  stream: boolean;
}

/** Where the turn stopped, in the three APIs' shared vocabulary. `other` keeps the raw value. */
export type NeutralStop = "end" | "length" | "tool" | `other:${string}`;

export interface NeutralUsage {
  /** All prompt tokens, cached included (Anthropic splits them; OpenAI reports the total). */
  inputTotal: number;
  output: number;
  cached: number;
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
}

export interface ClientDriver {
  api: WireApi;
  ask(turn: NeutralTurn): Promise<NeutralAnswer>;
  /** Streams the turn with the SDK's plain iterator; returns the event types seen and what it threw, if anything. */
  streamEvents(turn: NeutralTurn): Promise<StreamOutcome>;
}

export interface StreamOutcome {
  eventTypes: string[];
  error?: unknown;
}

/** Iterates an SDK stream, keeping each event's type and catching the error the SDK throws. */
export async function collectStream(stream: AsyncIterable<unknown>): Promise<StreamOutcome> {
  const eventTypes: string[] = [];
  try {
    for await (const event of stream) {
      const type = (event as { type?: unknown; object?: unknown }).type ?? (event as { object?: unknown }).object;
      eventTypes.push(String(type));
    }
    return { eventTypes };
  } catch (error) {
    return { eventTypes, error };
  }
}
