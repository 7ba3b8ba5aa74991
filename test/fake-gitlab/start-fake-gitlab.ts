import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import { listenOnLoopback } from "../support/listen-on-loopback.js";
import {
  createFakeGitlabState,
  type FakeGitlabState,
  type GatewayFailure,
  type RecordedRequest,
} from "./fake-gitlab-state.js";
import { handleDirectAccess } from "./handle-direct-access.js";
import { handleGateway } from "./handle-gateway.js";
import { writeJson } from "./vendor-answers.js";
import type { SubscriptionScript } from "../fake-github/write-scripted-reply.js";

export type { FakeGitlabState, GatewayFailure, RecordedRequest } from "./fake-gitlab-state.js";

export interface FakeGitlabOptions {
  /** Personal access tokens with the `api` scope, for a user with a Duo seat. Default `["glpat-valid"]`. */
  validTokens?: string[];
  tokensWithoutApiScope?: string[];
  tokensWithoutSeat?: string[];
  tokensWithDuoDisabled?: string[];
  expiredTokens?: string[];
  /** How long each direct-access token lives. Default 3600 s. */
  tokenLifeSeconds?: number;
  /** Send `expires_at` (unix seconds) with the token. Default true. */
  reportExpiry?: boolean;
  /** Serve `/ai/v1/proxy/openai/v1/responses`. Default true. */
  offerResponses?: boolean;
  /** The clock that decides token expiry, in epoch milliseconds. Default `Date.now`. */
  now?: () => number;
  replyText?: string;
  /** Serve `/ai/v1/proxy/anthropic/v1/messages/count_tokens`. Default true. */
  offerCountTokens?: boolean;
  /** Answers generation requests (tool call first, text after the tool result); the fixed reply otherwise. */
  script?: SubscriptionScript | undefined;
}

export type ResolvedFakeGitlabOptions = Required<Omit<FakeGitlabOptions, "script">> & Pick<FakeGitlabOptions, "script">;

export interface FakeGitlab {
  instanceUrl: string;
  gatewayUrl: string;
  state: FakeGitlabState;
  /** Makes every token issued so far stale: the gateway answers 401 to them. */
  revokeIssuedTokens(): void;
  /** The gateway answers the next request with this failure (e.g. 403, or 429 with retry-after). */
  failNextGatewayRequest(failure: GatewayFailure): void;
  close(): Promise<void>;
}

/** A fake GitLab instance and AI gateway on two loopback ports (port 0). */
export async function startFakeGitlab(options: FakeGitlabOptions = {}): Promise<FakeGitlab> {
  const settings: ResolvedFakeGitlabOptions = {
    validTokens: options.validTokens ?? ["glpat-valid"],
    tokensWithoutApiScope: options.tokensWithoutApiScope ?? [],
    tokensWithoutSeat: options.tokensWithoutSeat ?? [],
    tokensWithDuoDisabled: options.tokensWithDuoDisabled ?? [],
    expiredTokens: options.expiredTokens ?? [],
    tokenLifeSeconds: options.tokenLifeSeconds ?? 3600,
    reportExpiry: options.reportExpiry ?? true,
    offerResponses: options.offerResponses ?? true,
    now: options.now ?? Date.now,
    replyText: options.replyText ?? "Hello from Duo.",
    offerCountTokens: options.offerCountTokens ?? true,
    script: options.script,
  };
  const state = createFakeGitlabState();
  let instanceHost = "127.0.0.1";

  const instance = createServer((request, response) => {
    void record(request).then((recorded) => {
      if (recorded.method === "POST" && recorded.path === "/api/v4/ai/third_party_agents/direct_access") {
        handleDirectAccess({ request, response, recorded, state, settings, instanceHost });
      } else {
        writeJson(response, 404, { message: "404 Not Found" });
      }
    }, failWith(response));
  });
  const gateway = createServer((request, response) => {
    void record(request).then((recorded) => handleGateway({ response, recorded, state, settings }), failWith(response));
  });

  const instanceServer = await listenOnLoopback(instance);
  const gatewayServer = await listenOnLoopback(gateway);
  instanceHost = `127.0.0.1:${instanceServer.port}`;
  return {
    instanceUrl: instanceServer.url,
    gatewayUrl: gatewayServer.url,
    state,
    revokeIssuedTokens: () => {
      for (const token of state.issuedTokens) token.revoked = true;
    },
    failNextGatewayRequest: (failure) => {
      state.pendingGatewayFailures.push(failure);
    },
    close: async () => {
      await Promise.all([instanceServer.close(), gatewayServer.close()]);
    },
  };
}

async function record(request: IncomingMessage): Promise<RecordedRequest> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  const text = Buffer.concat(chunks).toString("utf8");
  let body: unknown = text;
  try {
    body = text === "" ? undefined : JSON.parse(text);
  } catch {
    // Not JSON: kept as text so a test can see what was sent.
  }
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(request.headers)) {
    if (value !== undefined) headers[name] = Array.isArray(value) ? value.join(", ") : value;
  }
  return { method: request.method ?? "GET", path: request.url ?? "/", headers, body };
}

function failWith(response: ServerResponse): (error: unknown) => void {
  return () => {
    if (!response.headersSent) writeJson(response, 400, { message: "400 Bad request" });
    else response.destroy();
  };
}
