import { randomUUID } from "node:crypto";

type Json = Record<string, unknown>;

/** Headers of a refusal that tell a client when and whether to retry. */
const errorHeaderNames = ["retry-after", "retry-after-ms", "x-should-retry", "x-request-id"];

/**
 * The Responses WebSocket error event: the SDK's flat fields (`code`, `message`, `param`) and the
 * wrapped form Codex reads (`status`, the HTTP error body under `error`, retry `headers`).
 */
export function errorEvent(status: number, body: unknown, headers: Record<string, string> = {}): string {
  const error = ((body as Json | undefined)?.["error"] ?? {}) as Json;
  const message = typeof error["message"] === "string" ? error["message"] : "The request failed.";
  const code =
    typeof error["code"] === "string" ? error["code"] : typeof error["type"] === "string" ? error["type"] : null;
  const param = typeof error["param"] === "string" ? error["param"] : null;
  const kept: Record<string, string> = {};
  for (const name of errorHeaderNames) {
    const value = headers[name];
    if (value !== undefined) kept[name] = value;
  }
  return JSON.stringify({
    type: "error",
    code,
    message,
    param,
    sequence_number: 0,
    status,
    error: { ...error, message },
    headers: kept,
  });
}

/**
 * Codex warms a connection with `generate: false`: the prompt is only to be remembered, and the
 * next `response.create` continues from it through `previous_response_id`. Answered without an
 * upstream request: an empty completed response.
 */
export function prewarmEvents(model: unknown): { id: string; events: string[] } {
  const id = `resp_${randomUUID().replaceAll("-", "")}`;
  const response = {
    id,
    object: "response",
    created_at: Math.floor(Date.now() / 1000),
    model: typeof model === "string" ? model : "",
    output: [],
  };
  const usage = {
    input_tokens: 0,
    input_tokens_details: { cached_tokens: 0 },
    output_tokens: 0,
    output_tokens_details: { reasoning_tokens: 0 },
    total_tokens: 0,
  };
  return {
    id,
    events: [
      JSON.stringify({
        type: "response.created",
        sequence_number: 0,
        response: { ...response, status: "in_progress" },
      }),
      JSON.stringify({
        type: "response.completed",
        sequence_number: 1,
        response: { ...response, status: "completed", usage },
      }),
    ],
  };
}
