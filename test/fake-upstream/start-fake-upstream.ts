import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import { listenOnLoopback } from "../support/listen-on-loopback.js";
import { setTimeout as sleep } from "node:timers/promises";
import { checkAuthentication, checkBody, vendorOf, type Rejection } from "./check-request.js";
import { renderChatCompletion, renderChatCompletionStream } from "./render-chat-completions.js";
import { renderMessage, renderMessageStream } from "./render-messages.js";
import { renderAnthropicModels, renderOpenAiModels } from "./render-models.js";
import { renderEmbeddings } from "./render-embeddings.js";
import { renderResponse, renderResponseStream, type ResponsesRequestFacts } from "./render-responses.js";
import type { FakeApi, FakeReply, FakeUpstream, FakeUpstreamOptions, FakeUsage, RecordedCall } from "./types.js";
import { defaultErrorMessage, openAiErrorBody, vendorErrorBody } from "./vendor-errors.js";

const defaultReply: FakeReply = { text: "Hello from the fake upstream." };
const defaultUsage: FakeUsage = { inputTokens: 12, outputTokens: 7 };

function apiOf(method: string, pathname: string, headers: IncomingMessage["headers"]): FakeApi | undefined {
  if (method === "GET" && pathname === "/v1/models") {
    return headers["anthropic-version"] === undefined ? "openai-models" : "anthropic-models";
  }
  if (method !== "POST") return undefined;
  const routes: Record<string, FakeApi> = {
    "/v1/chat/completions": "openai-chat",
    "/v1/responses": "openai-responses",
    "/v1/messages": "anthropic-messages",
    "/v1/messages/count_tokens": "anthropic-count-tokens",
    "/v1/embeddings": "openai-embeddings",
  };
  return routes[pathname];
}

async function readBody(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function sendJson(response: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  response.writeHead(status, { "content-type": "application/json", ...headers });
  response.end(typeof body === "string" ? body : JSON.stringify(body));
}

/** Renders the reply in the API that was called: the JSON body, or the SSE frames of a stream. */
function render(api: FakeApi, reply: FakeReply, body: Record<string, unknown>): unknown | string[] {
  const model = String(body["model"]);
  const stream = body["stream"] === true;
  const usage = reply.usage ?? defaultUsage;
  if (api === "openai-chat") {
    const options = body["stream_options"] as { include_usage?: boolean } | undefined;
    const facts = { model, stream, includeUsage: options?.include_usage === true };
    return stream ? renderChatCompletionStream(reply, facts, usage) : renderChatCompletion(reply, facts, usage);
  }
  if (api === "openai-responses") {
    const include = Array.isArray(body["include"]) ? body["include"] : [];
    const echo: Record<string, unknown> = {};
    for (const key of ["instructions", "metadata", "tools", "tool_choice", "parallel_tool_calls", "prompt_cache_key"]) {
      if (body[key] !== undefined) echo[key] = body[key];
    }
    const facts = {
      model,
      stream,
      includeEncryptedReasoning: include.includes("reasoning.encrypted_content"),
      // The request's own values, echoed as the real service does (unchecked: the fake trusts its caller here).
      echo: echo as ResponsesRequestFacts["echo"],
    };
    return stream ? renderResponseStream(reply, facts, usage) : renderResponse(reply, facts, usage);
  }
  return stream ? renderMessageStream(reply, { model, stream }, usage) : renderMessage(reply, { model, stream }, usage);
}

async function writeStream(response: ServerResponse, frames: string[], reply: FakeReply): Promise<void> {
  response.writeHead(200, {
    "content-type": "text/event-stream",
    "cache-control": "no-cache",
    connection: "keep-alive",
  });
  if (reply.fault === "hang-before-first-chunk") {
    response.flushHeaders(); // the 200 and its headers go out; no byte of the body ever follows
    return;
  }
  const half = Math.max(1, Math.floor(frames.length / 2));
  const stopAt = reply.fault === "hang-mid-stream" ? half : frames.length;
  for (const [index, frame] of frames.entries()) {
    if (index === stopAt) return; // hang: keep the socket open, send nothing more
    if (index === half && reply.pauseMidStream !== undefined) await reply.pauseMidStream;
    if (index > 0 && reply.chunkDelayMs !== undefined) await sleep(reply.chunkDelayMs);
    if (response.destroyed) return;
    response.write(frame);
  }
  response.end();
}

async function answer(
  reply: FakeReply,
  api: FakeApi,
  body: unknown,
  request: IncomingMessage,
  response: ServerResponse,
) {
  if (reply.fault === "reset") {
    request.socket.destroy();
    return;
  }
  if (reply.fault === "hang-before-headers") return;
  if (reply.delayMs !== undefined) await sleep(reply.delayMs);
  if (reply.error !== undefined) {
    const { status, headers } = reply.error;
    const errorBody = reply.error.body ?? vendorErrorBody(vendorOf(api), status, defaultErrorMessage(status));
    sendJson(response, status, errorBody, headers);
    return;
  }
  const record = body as Record<string, unknown>;
  if (api === "anthropic-count-tokens") {
    const estimate = Math.max(1, Math.ceil(JSON.stringify(record["messages"]).length / 4));
    sendJson(response, 200, { input_tokens: reply.usage?.inputTokens ?? estimate });
    return;
  }
  if (reply.rawStream !== undefined) {
    await writeStream(response, reply.rawStream, reply);
    return;
  }
  const rendered = render(api, reply, record);
  if (Array.isArray(rendered)) {
    await writeStream(response, rendered as string[], reply);
    return;
  }
  if (reply.fault === "hang-mid-stream") {
    const text = JSON.stringify(rendered);
    response.writeHead(200, { "content-type": "application/json" });
    response.write(text.slice(0, Math.floor(text.length / 2)));
    return;
  }
  sendJson(response, 200, rendered);
}

/**
 * A loopback fake of the OpenAI and Anthropic APIs. It checks what the real services check
 * (key, `anthropic-version`, content type, required fields) and renders a scripted, neutral
 * reply in the documented shape and stream framing of the API that was called.
 */
export async function startFakeUpstream(options: FakeUpstreamOptions = {}): Promise<FakeUpstream> {
  const apiKey = options.apiKey ?? "test-key";
  const models = options.models ?? ["gpt-test", "claude-test"];
  const calls: RecordedCall[] = [];

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const url = new URL(request.url ?? "/", "http://fake");
    const api = apiOf(request.method ?? "GET", url.pathname, request.headers);
    const text = await readBody(request);
    if (api === undefined) {
      sendJson(
        response,
        404,
        openAiErrorBody(404, `Unknown request URL: ${request.method} ${url.pathname}.`, "unknown_url"),
      );
      return;
    }
    const body = text === "" ? undefined : parseJson(text);
    const call: RecordedCall = {
      api,
      path: `${url.pathname}${url.search}`,
      headers: request.headers,
      body,
      rawBody: text,
      receivedAt: Date.now(),
    };
    calls.push(call);
    const rejection: Rejection | undefined =
      checkAuthentication(api, request.headers, apiKey) ??
      (request.method === "POST" ? checkBody(api, request.headers["content-type"], body) : undefined);
    if (rejection !== undefined) {
      sendJson(response, rejection.status, rejection.body);
      return;
    }
    if (api === "openai-models" || api === "anthropic-models") {
      if (models === false) {
        return sendJson(
          response,
          404,
          openAiErrorBody(404, `Unknown request URL: GET ${url.pathname}.`, "unknown_url"),
        );
      }
      if (api === "openai-models") return sendJson(response, 200, renderOpenAiModels(models));
      return sendJson(response, 200, renderAnthropicModels(models, url.searchParams));
    }
    if (api === "openai-embeddings") {
      // A script may fail an embeddings call (an error or a fault) or give its vectors; otherwise they derive from the text.
      const scripted = await options.script?.(call);
      if (scripted?.error !== undefined || scripted?.fault !== undefined)
        return answer(scripted, api, body, request, response);
      return sendJson(response, 200, renderEmbeddings(body as Record<string, unknown>, scripted?.embeddings));
    }
    let reply = options.script === undefined ? defaultReply : await options.script(call);
    if (api === "anthropic-messages" && options.promptCache !== undefined && reply.error === undefined) {
      const account = options.promptCache.account(body as Record<string, unknown>);
      if ("error" in account) return sendJson(response, 400, vendorErrorBody("anthropic", 400, account.error));
      reply = { ...reply, usage: { ...account, outputTokens: reply.usage?.outputTokens ?? defaultUsage.outputTokens } };
    }
    await answer(reply, api, body, request, response);
  }

  const server = createServer((request, response) => {
    handle(request, response).catch((error: unknown) => {
      if (!response.headersSent)
        sendJson(response, 500, openAiErrorBody(500, `Fake upstream failed: ${String(error)}`));
      else response.destroy();
    });
  });
  const listening = await listenOnLoopback(server);
  return { url: listening.url, calls, close: listening.close };
}
