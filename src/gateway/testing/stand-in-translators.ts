import type { AssistantContentPart } from "../../ir/content-part.js";
import type { Message } from "../../ir/message.js";
import type { Request } from "../../ir/request.js";
import type { StreamPart } from "../../ir/stream-part.js";
import { emptyUsage } from "../../ir/usage.js";
import { formatSse, type SseEvent } from "../../lib/sse.js";
import type { WireApi } from "../../protocols/wire-api.js";
import type { Translator } from "../../translate/translator.js";

/**
 * Text-only translators for gateway tests that run before the real ones land: Chat and
 * Anthropic Messages, requests, responses and streams of plain text. `withStandIns` keeps every
 * real translator and fills only the missing ones.
 */
type Json = Record<string, unknown>;

function textOf(content: unknown): string {
  if (typeof content === "string") return content;
  if (!Array.isArray(content)) return "";
  return content
    .map((part) => (typeof (part as Json)["text"] === "string" ? ((part as Json)["text"] as string) : ""))
    .join("");
}

function decodeMessages(messages: unknown): Message[] {
  if (!Array.isArray(messages)) return [];
  return messages.map((message: Json): Message => {
    const text = { type: "text" as const, text: textOf(message["content"]) };
    return message["role"] === "assistant" ? { role: "assistant", content: [text] } : { role: "user", content: [text] };
  });
}

function decodeRequest(body: Json): { request: Request; warnings: [] } {
  return {
    request: {
      model: String(body["model"]),
      system: [],
      messages: decodeMessages(body["messages"]),
      tools: [],
      stream: body["stream"] === true,
    },
    warnings: [],
  };
}

function joinText(content: AssistantContentPart[]): string {
  return content.map((part) => (part.type === "text" ? part.text : "")).join("");
}

const anthropic: Translator = {
  api: "anthropic-messages",
  decodeRequest,
  encodeRequest: (request, options) => ({
    body: {
      model: options.model,
      max_tokens: 1024,
      stream: request.stream,
      messages: request.messages.map((message) => ({
        role: message.role,
        content: message.content.map((part) => ("text" in part ? part.text : "")).join(""),
      })),
    },
    warnings: [],
  }),
  decodeResponse: (body) => {
    const response = body as Json;
    const usage = (response["usage"] ?? {}) as Json;
    return {
      id: String(response["id"]),
      model: String(response["model"]),
      content: [{ type: "text", text: textOf(response["content"]) }],
      finishReason: { unified: "stop", raw: String(response["stop_reason"]) },
      usage: { inputTokens: Number(usage["input_tokens"] ?? 0), outputTokens: Number(usage["output_tokens"] ?? 0) },
    };
  },
  encodeResponse: (response, options) => ({
    id: response.id,
    type: "message",
    role: "assistant",
    model: options.model,
    content: [{ type: "text", text: joinText(response.content) }],
    stop_reason: "end_turn",
    usage: { input_tokens: response.usage.inputTokens, output_tokens: response.usage.outputTokens },
  }),
  async *decodeStream(events: AsyncIterable<SseEvent>): AsyncIterable<StreamPart> {
    let usage = emptyUsage();
    for await (const event of events) {
      const data = JSON.parse(event.data) as Json;
      if (data["type"] === "message_start") yield { type: "response-start", id: "msg", model: "m" };
      if (data["type"] === "content_block_start") yield { type: "text-start", id: "0" };
      if (data["type"] === "content_block_delta")
        yield { type: "text-delta", id: "0", delta: String((data["delta"] as Json)["text"]) };
      if (data["type"] === "content_block_stop") yield { type: "text-end", id: "0" };
      if (data["type"] === "message_delta")
        usage = { inputTokens: 0, outputTokens: Number((data["usage"] as Json)["output_tokens"] ?? 0) };
      if (data["type"] === "message_stop") {
        yield { type: "finish", reason: { unified: "stop", raw: "end_turn" }, usage };
        return;
      }
    }
  },
  async *encodeStream(parts, options) {
    for await (const part of parts) {
      if (part.type === "text-delta")
        yield formatSse(
          "content_block_delta",
          JSON.stringify({
            type: "content_block_delta",
            index: 0,
            delta: { type: "text_delta", text: part.delta },
            model: options.model,
          }),
        );
      if (part.type === "finish") yield formatSse("message_stop", JSON.stringify({ type: "message_stop" }));
    }
  },
};

const chat: Translator = {
  api: "openai-chat",
  decodeRequest,
  encodeRequest: (request, options) => ({
    body: {
      model: options.model,
      stream: request.stream,
      messages: request.messages.map((message) => ({
        role: message.role,
        content: message.content.map((part) => ("text" in part ? part.text : "")).join(""),
      })),
    },
    warnings: [],
  }),
  decodeResponse: (body) => {
    const response = body as Json;
    const choice = ((response["choices"] as Json[] | undefined) ?? [])[0] ?? {};
    const usage = (response["usage"] ?? {}) as Json;
    return {
      id: String(response["id"]),
      model: String(response["model"]),
      content: [{ type: "text", text: textOf((choice["message"] as Json | undefined)?.["content"]) }],
      finishReason: { unified: "stop", raw: String(choice["finish_reason"]) },
      usage: {
        inputTokens: Number(usage["prompt_tokens"] ?? 0),
        outputTokens: Number(usage["completion_tokens"] ?? 0),
      },
    };
  },
  encodeResponse: (response, options) => ({
    id: response.id,
    object: "chat.completion",
    model: options.model,
    choices: [{ index: 0, message: { role: "assistant", content: joinText(response.content) }, finish_reason: "stop" }],
    usage: { prompt_tokens: response.usage.inputTokens, completion_tokens: response.usage.outputTokens },
  }),
  async *decodeStream(events) {
    for await (const event of events) {
      if (event.data === "[DONE]") {
        yield { type: "finish", reason: { unified: "stop" }, usage: emptyUsage() };
        return;
      }
      const delta = ((((JSON.parse(event.data) as Json)["choices"] as Json[])[0] ?? {})["delta"] ?? {}) as Json;
      if (typeof delta["content"] === "string") yield { type: "text-delta", id: "0", delta: delta["content"] };
    }
  },
  async *encodeStream(parts, options) {
    for await (const part of parts) {
      if (part.type === "text-delta")
        yield formatSse(
          undefined,
          JSON.stringify({
            object: "chat.completion.chunk",
            model: options.model,
            choices: [{ index: 0, delta: { content: part.delta } }],
          }),
        );
      if (part.type === "finish") yield formatSse(undefined, "[DONE]");
    }
  },
};

const standIns: Partial<Record<WireApi, Translator>> = { "anthropic-messages": anthropic, "openai-chat": chat };

export function withStandInTranslators(translators: Record<WireApi, Translator>): Record<WireApi, Translator> {
  const filled = { ...translators };
  for (const api of Object.keys(filled) as WireApi[]) {
    const standIn = standIns[api];
    if (filled[api] === undefined && standIn !== undefined) filled[api] = standIn;
  }
  return filled;
}
