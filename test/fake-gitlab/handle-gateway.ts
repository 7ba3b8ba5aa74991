import type { ServerResponse } from "node:http";
import type { WireApi } from "../../src/protocols/wire-api.js";
import { countTokensOf, writeScriptedReply } from "../fake-github/write-scripted-reply.js";
import type { FakeGitlabState, GatewayFailure, RecordedRequest } from "./fake-gitlab-state.js";
import type { ResolvedFakeGitlabOptions } from "./start-fake-gitlab.js";
import {
  anthropicMessage,
  chatCompletion,
  responsesResult,
  writeAnthropicStream,
  writeChatStream,
  writeJson,
  writeResponsesStream,
} from "./vendor-answers.js";

type Route = "anthropic" | "count_tokens" | "chat" | "responses";

const routeApis: Record<Exclude<Route, "count_tokens">, WireApi> = {
  anthropic: "anthropic-messages",
  chat: "openai-chat",
  responses: "openai-responses",
};

const routes: Record<string, Route> = {
  "/ai/v1/proxy/anthropic/v1/messages": "anthropic",
  "/ai/v1/proxy/anthropic/v1/messages/count_tokens": "count_tokens",
  "/ai/v1/proxy/openai/v1/chat/completions": "chat",
  "/ai/v1/proxy/openai/v1/responses": "responses",
};

/**
 * The AI gateway's vendor proxies. A request needs a live direct-access token (not revoked, not
 * past its expiry) and every `x-gitlab-*` header issued with it; otherwise 401, as the gateway
 * refuses a stale token. Failures queued by the test are answered before any reply.
 */
export function handleGateway(options: {
  response: ServerResponse;
  recorded: RecordedRequest;
  state: FakeGitlabState;
  settings: ResolvedFakeGitlabOptions;
}): void {
  const { response, recorded, state, settings } = options;
  const route = routes[recorded.path.split("?")[0] ?? ""];
  const refused =
    (route === "responses" && !settings.offerResponses) || (route === "count_tokens" && !settings.offerCountTokens);
  if (route === undefined || refused || recorded.method !== "POST") {
    writeJson(response, 404, { detail: "Not Found" });
    return;
  }
  state.gatewayRequests.push(recorded);

  const bearer = /^Bearer (.+)$/i.exec(recorded.headers["authorization"] ?? "")?.[1];
  const issued = state.issuedTokens.find((candidate) => candidate.token === bearer);
  if (issued === undefined || issued.revoked || settings.now() >= issued.expiresAt) {
    writeJson(response, 401, { error: "Forbidden by auth provider" });
    return;
  }
  for (const [name, value] of Object.entries(issued.headers)) {
    if (recorded.headers[name] !== value) {
      writeJson(response, 401, { error: `Header is missing or wrong: '${name}'` });
      return;
    }
  }
  const failure = state.pendingGatewayFailures.shift();
  if (failure !== undefined) {
    writeFailure(response, route, failure);
    return;
  }

  const body = (recorded.body ?? {}) as {
    model?: unknown;
    stream?: unknown;
    stream_options?: { include_usage?: unknown };
  };
  if (route === "count_tokens") {
    writeJson(response, 200, { input_tokens: countTokensOf(body as Record<string, unknown>) });
    return;
  }
  if (route === "anthropic" && recorded.headers["anthropic-version"] === undefined) {
    writeJson(response, 400, {
      type: "error",
      error: { type: "invalid_request_error", message: "anthropic-version: header is required" },
    });
    return;
  }
  const record = body as Record<string, unknown>;
  const scripted = settings.script?.({ api: routeApis[route], body: record, headers: recorded.headers });
  if (scripted !== undefined) {
    writeScriptedReply(response, routeApis[route], record, scripted);
    return;
  }
  const reply = { model: typeof body.model === "string" ? body.model : "unknown", text: settings.replyText };
  const stream = body.stream === true;
  if (route === "anthropic") {
    if (recorded.headers["anthropic-version"] === undefined) {
      writeJson(response, 400, {
        type: "error",
        error: { type: "invalid_request_error", message: "anthropic-version: header is required" },
      });
      return;
    }
    if (stream) writeAnthropicStream(response, reply);
    else writeJson(response, 200, anthropicMessage(reply));
  } else if (route === "chat") {
    if (stream) writeChatStream(response, reply, body.stream_options?.include_usage === true);
    else writeJson(response, 200, chatCompletion(reply));
  } else if (stream) {
    writeResponsesStream(response, reply);
  } else {
    writeJson(response, 200, responsesResult(reply));
  }
}

function writeFailure(response: ServerResponse, route: Route, failure: GatewayFailure): void {
  const headers: Record<string, string> =
    failure.retryAfter === undefined ? {} : { "retry-after": String(failure.retryAfter) };
  const message =
    failure.status === 429 ? "Rate limit exceeded, please retry later." : `Request failed with ${failure.status}.`;
  const body =
    failure.body ??
    (route === "anthropic" || route === "count_tokens"
      ? { type: "error", error: { type: failure.status === 429 ? "rate_limit_error" : "permission_error", message } }
      : {
          error: {
            message,
            type: failure.status === 429 ? "rate_limit_exceeded" : "permission_denied",
            param: null,
            code: null,
          },
        });
  writeJson(response, failure.status, body, headers);
}
