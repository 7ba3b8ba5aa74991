/**
 * What a conformance case asks the fake upstream to answer, in the suite's own words. One adapter
 * (`to-fake-reply.ts`) turns it into the fake upstream's reply shape, so a change there is one edit.
 */
export interface ScriptedReply {
  text?: string;
  reasoning?: string;
  /** `custom` calls a freeform tool: `arguments` is then its raw input text. */
  toolCalls?: { id: string; name: string; arguments: Record<string, unknown> | string; kind?: "function" | "custom" }[];
  /** `reasoning` counts the output tokens spent thinking (part of `output`). */
  usage?: { inputTotal: number; output: number; cached: number; reasoning?: number };
  /** Stop because the output budget ran out. */
  truncated?: boolean;
  /** Refuse the request with this HTTP status and headers before any output. */
  httpError?: { status: number; headers?: Record<string, string>; message: string };
  /** Send some output, then the API's in-stream error event. */
  streamError?: { message: string };
  /** Send some output, then nothing more (the gateway's idle timeout has to end it). */
  stall?: boolean;
}

export type { RecordedCall as RecordedUpstreamCall } from "../../fake-upstream/types.js";
