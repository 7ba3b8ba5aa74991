import type { ServerResponse } from "node:http";
import type { WireApi } from "../../src/protocols/wire-api.js";
import { renderChatCompletion, renderChatCompletionStream } from "../fake-upstream/render-chat-completions.js";
import { renderMessage, renderMessageStream } from "../fake-upstream/render-messages.js";
import { renderResponse, renderResponseStream, type ResponsesRequestFacts } from "../fake-upstream/render-responses.js";
import type { FakeReply, FakeUsage } from "../fake-upstream/types.js";

/**
 * Decides what a subscription fake answers to one generation request, in vendor-neutral terms
 * (text, tool calls): a tool call first, a text once the tool result comes back. Returning
 * undefined keeps the fake's fixed reply.
 */
export type SubscriptionScript = (call: {
  api: WireApi;
  body: Record<string, unknown>;
  headers: Record<string, string>;
}) => FakeReply | undefined;

const defaultUsage: FakeUsage = { inputTokens: 12, outputTokens: 5 };

/**
 * Writes a scripted reply with the shared fake upstream's renderers, so Copilot's and Duo's
 * fakes answer in exactly the documented shapes and stream framing of the API that was called.
 */
export function writeScriptedReply(
  response: ServerResponse,
  api: WireApi,
  body: Record<string, unknown>,
  reply: FakeReply,
): void {
  const model = String(body["model"]);
  const stream = body["stream"] === true;
  const usage = reply.usage ?? defaultUsage;
  let rendered: unknown;
  if (api === "openai-chat") {
    const options = body["stream_options"] as { include_usage?: boolean } | undefined;
    const facts = { model, stream, includeUsage: options?.include_usage === true };
    rendered = stream ? renderChatCompletionStream(reply, facts, usage) : renderChatCompletion(reply, facts, usage);
  } else if (api === "openai-responses") {
    const include = Array.isArray(body["include"]) ? body["include"] : [];
    const echo: Record<string, unknown> = {};
    for (const key of ["tools", "tool_choice", "parallel_tool_calls"])
      if (body[key] !== undefined) echo[key] = body[key];
    const facts: ResponsesRequestFacts = {
      model,
      stream,
      includeEncryptedReasoning: include.includes("reasoning.encrypted_content"),
      echo: echo as ResponsesRequestFacts["echo"],
    };
    rendered = stream ? renderResponseStream(reply, facts, usage) : renderResponse(reply, facts, usage);
  } else {
    rendered = stream
      ? renderMessageStream(reply, { model, stream }, usage)
      : renderMessage(reply, { model, stream }, usage);
  }
  if (Array.isArray(rendered)) {
    response.writeHead(200, { "content-type": "text/event-stream", "cache-control": "no-cache" });
    for (const frame of rendered as string[]) response.write(frame);
    response.end();
    return;
  }
  response.writeHead(200, { "content-type": "application/json" });
  response.end(JSON.stringify(rendered));
}

/** A rough count for the fakes' `count_tokens`: four characters of the messages per token. */
export function countTokensOf(body: Record<string, unknown>): number {
  return Math.max(1, Math.ceil(JSON.stringify([body["system"] ?? "", body["messages"] ?? []]).length / 4));
}
