import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import { setTimeout as sleep } from "node:timers/promises";
import { listenOnLoopback } from "../support/listen-on-loopback.js";
import { answerChatCompletions, answerMessages, answerResponses, fakeReplyText } from "./fake-chat-answers.js";
import { answerEmbeddings } from "./fake-embeddings.js";
import { endpointsOf, fakeCopilotModels } from "./fake-models.js";
import type { DeviceAnswer, FakeGithubOptions, FakeGithubState, RecordedRequest } from "./fake-state.js";
import { headersOf, readRequestBody, sendJson } from "./http-helpers.js";
import { countTokensOf, writeScriptedReply } from "./write-scripted-reply.js";
import type { WireApi } from "../../src/protocols/wire-api.js";

export type { FakeGithubOptions, FakeGithubState, RecordedRequest, DeviceAnswer } from "./fake-state.js";
export { fakeReplyText } from "./fake-chat-answers.js";
export type { SubscriptionScript } from "./write-scripted-reply.js";

const endpointApis: Record<string, WireApi> = {
  "/chat/completions": "openai-chat",
  "/responses": "openai-responses",
  "/v1/messages": "anthropic-messages",
};

export interface FakeGithub {
  /** Stands in for https://github.com (device flow). */
  githubUrl: string;
  /** Stands in for https://api.github.com (token exchange, `/copilot_internal/user`). */
  apiUrl: string;
  /** Stands in for https://api.githubcopilot.com; the token's `endpoints.api` names it. */
  copilotUrl: string;
  state: FakeGithubState;
  close: () => Promise<void>;
}

const clientId = "Iv1.b507a08c87ecfe98";

/**
 * A loopback GitHub + Copilot that behaves as docs/upstreams say: one server, three prefixes
 * (`/github`, `/api`, `/copilot`) for the three hosts.
 */
export async function startFakeGithub(options: FakeGithubOptions = {}): Promise<FakeGithub> {
  const now = options.now ?? Date.now;
  const githubTokens = new Set(options.githubTokens ?? ["ghu_valid"]);
  const withoutCopilot = new Set(options.tokensWithoutCopilot ?? []);
  const issued = new Map<string, { expiresAt: number; revoked: boolean }>();
  const deviceAnswers = options.deviceAnswers ?? ["success"];
  let held: Promise<void> | undefined;
  let issuedCount = 0;
  const state: FakeGithubState = {
    tokenExchanges: 0,
    devicePolls: [],
    deviceCodeRequests: [],
    apiRequests: [],
    quotaExhausted: false,
    premiumRemaining: 237,
    revokeCopilotTokens: () => {
      for (const entry of issued.values()) entry.revoked = true;
    },
    holdTokenExchanges: () => {
      let release: () => void = () => undefined;
      held = new Promise<void>((resolve) => {
        release = () => {
          held = undefined;
          resolve();
        };
      });
      return release;
    },
  };
  let copilotUrl = "";

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const url = new URL(request.url ?? "/", "http://fake");
    const recorded: RecordedRequest = {
      method: request.method ?? "GET",
      path: url.pathname,
      headers: headersOf(request),
      body: await readRequestBody(request),
    };
    const path = url.pathname;
    if (path === "/github/login/device/code") return deviceCode(recorded, response);
    if (path === "/github/login/oauth/access_token") return devicePoll(recorded, response);
    if (path === "/api/copilot_internal/v2/token") return tokenExchange(recorded, response);
    if (path === "/api/copilot_internal/user") return copilotUser(recorded, response);
    if (path.startsWith("/copilot/")) return copilotApi(recorded, response);
    sendJson(response, 404, { message: "Not Found" });
  }

  function deviceCode(recorded: RecordedRequest, response: ServerResponse): void {
    state.deviceCodeRequests.push(recorded);
    const body = recorded.body as Record<string, unknown> | undefined;
    // GitHub's documented device-flow error for a client id it does not know.
    if (body?.["client_id"] !== clientId) {
      return sendJson(response, 200, {
        error: "incorrect_client_credentials",
        error_description: "The client_id and/or client_secret passed are incorrect.",
      });
    }
    sendJson(response, 200, {
      device_code: "fake-device-code",
      user_code: "ABCD-1234",
      verification_uri: `${fake.githubUrl}/login/device`,
      expires_in: options.deviceExpiresIn ?? 900,
      interval: options.deviceInterval ?? 5,
    });
  }

  function devicePoll(recorded: RecordedRequest, response: ServerResponse): void {
    state.devicePolls.push(recorded);
    const body = recorded.body as Record<string, unknown> | undefined;
    if (
      body?.["grant_type"] !== "urn:ietf:params:oauth:grant-type:device_code" ||
      body["device_code"] !== "fake-device-code"
    ) {
      return sendJson(response, 200, {
        error: "incorrect_device_code",
        error_description: "The device_code provided is not valid.",
      });
    }
    const answer: DeviceAnswer =
      deviceAnswers[Math.min(state.devicePolls.length - 1, deviceAnswers.length - 1)] ?? "success";
    if (answer === "success") {
      const token = options.deviceToken ?? "ghu_fromdevice";
      githubTokens.add(token);
      return sendJson(response, 200, { access_token: token, token_type: "bearer", scope: "read:user" });
    }
    const descriptions: Record<Exclude<DeviceAnswer, "success">, string> = {
      authorization_pending: "The authorization request is still pending.",
      slow_down: "Too many requests have been made in the same timeframe.",
      expired_token: "The device_code has expired.",
      access_denied: "The authorization request was denied.",
    };
    const extra = answer === "slow_down" ? { interval: (options.deviceInterval ?? 5) + 5 * countSlowDowns() } : {};
    sendJson(response, 200, { error: answer, error_description: descriptions[answer], ...extra });
  }

  function countSlowDowns(): number {
    return deviceAnswers.slice(0, state.devicePolls.length).filter((answer) => answer === "slow_down").length;
  }

  async function tokenExchange(recorded: RecordedRequest, response: ServerResponse): Promise<void> {
    state.tokenExchanges++;
    if (held !== undefined) await held;
    const githubToken = recorded.headers["authorization"]?.replace(/^token /, "") ?? "";
    if (withoutCopilot.has(githubToken)) {
      return sendJson(response, 403, {
        message: "Resource not accessible by integration",
        documentation_url: "https://docs.github.com/rest",
      });
    }
    if (!githubTokens.has(githubToken))
      return sendJson(response, 401, { message: "Bad credentials", documentation_url: "https://docs.github.com/rest" });
    const lifetime = options.tokenLifetimeSeconds ?? 1800;
    const expiresAt = now() + lifetime * 1000;
    const token = `tid=fake${++issuedCount};exp=${Math.floor(expiresAt / 1000)};sku=copilot_individual`;
    issued.set(token, { expiresAt, revoked: false });
    sendJson(response, 200, {
      token,
      expires_at: Math.floor(expiresAt / 1000),
      refresh_in: options.refreshInSeconds ?? Math.max(1, lifetime - 300),
      endpoints: { api: copilotUrl, proxy: `${copilotUrl}/proxy`, telemetry: `${copilotUrl}/telemetry` },
      sku: options.sku ?? "copilot_individual",
      chat_enabled: true,
    });
  }

  function copilotUser(recorded: RecordedRequest, response: ServerResponse): void {
    const githubToken = recorded.headers["authorization"]?.replace(/^token /, "") ?? "";
    if (!githubTokens.has(githubToken)) return sendJson(response, 401, { message: "Bad credentials" });
    const entitlement = 300;
    sendJson(response, 200, {
      login: "octocat",
      access_type_sku: "plus_monthly_subscriber_quota",
      copilot_plan: "individual",
      chat_enabled: true,
      quota_reset_date: "2026-12-01",
      quota_snapshots: {
        chat: {
          entitlement: 0,
          remaining: 0,
          percent_remaining: 100,
          unlimited: true,
          overage_permitted: false,
          overage_count: 0,
          quota_id: "chat",
        },
        completions: {
          entitlement: 0,
          remaining: 0,
          percent_remaining: 100,
          unlimited: true,
          overage_permitted: false,
          overage_count: 0,
          quota_id: "completions",
        },
        premium_interactions: {
          entitlement,
          remaining: state.premiumRemaining,
          percent_remaining: (state.premiumRemaining / entitlement) * 100,
          unlimited: false,
          overage_permitted: false,
          overage_count: 0,
          quota_id: "premium_interactions",
        },
      },
    });
  }

  async function copilotApi(recorded: RecordedRequest, response: ServerResponse): Promise<void> {
    state.apiRequests.push(recorded);
    const bearer = recorded.headers["authorization"]?.replace(/^Bearer /, "") ?? "";
    const entry = issued.get(bearer);
    if (entry === undefined || entry.revoked || now() >= entry.expiresAt) {
      return sendJson(response, 401, { error: { message: "unauthorized: token expired", code: "unauthorized" } });
    }
    if (recorded.headers["copilot-integration-id"] === undefined) {
      return sendJson(response, 400, {
        error: { message: "missing Copilot-Integration-Id header", code: "bad_request" },
      });
    }
    const endpoint = recorded.path.slice("/copilot".length);
    if (endpoint === "/models" && recorded.method === "GET")
      return sendJson(response, 200, { data: fakeCopilotModels, object: "list" });
    const body = (recorded.body ?? {}) as Record<string, unknown>;
    const model = typeof body["model"] === "string" ? body["model"] : "";
    if (endpoint === "/embeddings") return answerEmbeddings(response, model, body);
    const endpoints = endpointsOf(model);
    if (endpoints === undefined)
      return sendJson(response, 400, {
        error: {
          message: "The requested model is not supported.",
          code: "model_not_supported",
          param: "model",
          type: "invalid_request_error",
        },
      });
    if (model === "claude-opus-4.8") {
      return sendJson(response, 403, {
        error: {
          message: `Access to model ${model} is not enabled. Please enable it in your Copilot settings.`,
          code: "model_not_enabled",
        },
      });
    }
    if (endpoint === "/v1/messages/count_tokens") {
      if (options.offerCountTokens === false || !endpoints.includes("/v1/messages")) {
        return sendJson(response, 404, { error: { message: "404 page not found", code: "not_found" } });
      }
      return sendJson(response, 200, { input_tokens: countTokensOf(body) });
    }
    if (!endpoints.includes(endpoint)) {
      return sendJson(response, 400, {
        error: {
          message: `model ${model} is not accessible via the ${endpoint} endpoint`,
          code: "unsupported_api_for_model",
        },
      });
    }
    const premium = fakeCopilotModels.find((entry) => entry.id === model)?.billing?.is_premium === true;
    if (premium && state.quotaExhausted) {
      return sendJson(response, 402, {
        error: { message: "You have exceeded your premium request allowance for this month.", code: "quota_exceeded" },
      });
    }
    const api = endpointApis[endpoint];
    const refusal = api === undefined ? undefined : options.rateLimit?.check();
    if (refusal !== undefined) {
      response.writeHead(429, { "content-type": "application/json", "retry-after": String(refusal.retryAfterSeconds) });
      response.end(JSON.stringify({ error: { message: refusal.message, code: "rate_limited" } }));
      return;
    }
    if (api !== undefined && options.answerDelayMs !== undefined) await sleep(options.answerDelayMs);
    const scripted = api === undefined ? undefined : options.script?.({ api, body, headers: recorded.headers });
    if (api === "anthropic-messages" && options.promptCache !== undefined) {
      // Copilot's Messages endpoint reports Anthropic's cache usage as Anthropic does.
      const account = options.promptCache.account(body);
      if ("error" in account)
        return sendJson(response, 400, {
          type: "error",
          error: { type: "invalid_request_error", message: account.error },
        });
      const reply = scripted ?? { text: fakeReplyText };
      return writeScriptedReply(response, api, body, { ...reply, usage: { ...account, outputTokens: 5 } });
    }
    if (api !== undefined && scripted !== undefined) return writeScriptedReply(response, api, body, scripted);
    const stream = body["stream"] === true;
    if (endpoint === "/chat/completions") return answerChatCompletions(response, model, stream);
    if (endpoint === "/responses") return answerResponses(response, model, stream);
    return answerMessages(response, model, stream);
  }

  const server = createServer((request, response) => {
    handle(request, response).catch((error: unknown) => {
      if (!response.headersSent) sendJson(response, 500, { message: String(error) });
      else response.end();
    });
  });
  const listening = await listenOnLoopback(server);
  const origin = listening.url;
  copilotUrl = `${origin}/copilot`;
  const fake: FakeGithub = {
    githubUrl: `${origin}/github`,
    apiUrl: `${origin}/api`,
    copilotUrl,
    state,
    close: listening.close,
  };
  return fake;
}
