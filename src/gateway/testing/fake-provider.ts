import { Readable } from "node:stream";
import type { ModelInfo, Provider, UpstreamRequest, UpstreamResponse } from "../../providers/provider.js";

export interface FakeProvider extends Provider {
  /** Every request the gateway sent, in order. */
  requests: UpstreamRequest[];
}

/** A Provider whose answers the test scripts; models are matched by id or alias. */
export function fakeProvider(options: {
  id: string;
  models: ModelInfo[];
  respond?: (request: UpstreamRequest) => UpstreamResponse | Promise<UpstreamResponse>;
}): FakeProvider {
  const requests: UpstreamRequest[] = [];
  return {
    id: options.id,
    type: "fake",
    requests,
    listModels: async () => options.models,
    resolveModel: async (name) =>
      options.models.find((model) => model.id === name || model.aliases?.includes(name) === true),
    async send(request) {
      requests.push(request);
      if (options.respond === undefined) return jsonResponse({});
      return options.respond(request);
    },
    close: async () => undefined,
  };
}

/** A whole Anthropic message with one text block, ended by `end_turn`, as the Messages API answers. */
export function anthropicMessage(text: string, usage: { input_tokens: number; output_tokens: number }) {
  return {
    id: "msg_1",
    type: "message",
    role: "assistant",
    model: "claude-sonnet-4-5",
    content: [{ type: "text", text }],
    stop_reason: "end_turn",
    stop_sequence: null,
    usage,
  };
}

export function jsonResponse(value: unknown, status = 200): UpstreamResponse {
  return {
    status,
    headers: { "content-type": "application/json" },
    body: Readable.from([Buffer.from(JSON.stringify(value))]),
  };
}

/** An SSE answer sent in the given chunks (each a Buffer so chunk boundaries are kept). */
export function sseResponse(chunks: string[]): UpstreamResponse {
  return {
    status: 200,
    headers: { "content-type": "text/event-stream" },
    body: Readable.from(chunks.map((chunk) => Buffer.from(chunk))),
  };
}
