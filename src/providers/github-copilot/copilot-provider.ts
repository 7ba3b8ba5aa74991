import { GatewayError, SetupError } from "../../errors/index.js";
import type { WireApi } from "../../protocols/wire-api.js";
import type { Logger } from "../../lib/logger.js";
import { parseProviderConfig } from "../parse-provider-config.js";
import { retryWithFreshToken } from "../retry-with-fresh-token.js";
import type {
  EmbeddingRequest,
  ModelInfo,
  PremiumQuota,
  Provider,
  ProviderFactoryContext,
  ProviderSignInState,
  UpstreamRequest,
  UpstreamResponse,
} from "../provider.js";
import {
  copilotConfigSchema,
  individualCopilotApiUrl,
  resolveCopilotSettings,
  type CopilotSettings,
} from "./config.js";
import { buildCopilotHeaders } from "./copilot-headers.js";
import { CopilotTokenCache } from "./copilot-token-cache.js";
import { copilotApiErrorRules, copilotCountTokensErrorRules } from "./copilot-error-rules.js";
import { describeTokenSource, findGithubToken, type FoundGithubToken } from "./find-github-token.js";
import { getCopilotToken, type CopilotToken } from "./get-copilot-token.js";
import { getCopilotUser } from "./get-copilot-user.js";
import { defaultSend } from "./http.js";
import { parseJson } from "../../lib/parse-json.js";
import { isRecord } from "./json-fields.js";
import { ModelCatalog } from "./model-catalog.js";
import { readCopilotAccount } from "./read-copilot-account.js";
import { AccountPacer } from "./account-pacer.js";
import { finished } from "node:stream";
import { formatQueueHeader, queueHeader } from "../queue-header.js";
import { resolveCopilotModel } from "./resolve-copilot-model.js";
import { joinUrl, readJsonBody, type SendFunction, type UpstreamErrorRule } from "../../upstream/index.js";
import { headerSafe } from "../../lib/header-safe.js";

const endpointPaths: Record<WireApi, string> = {
  "openai-chat": "/chat/completions",
  "openai-responses": "/responses",
  "anthropic-messages": "/v1/messages",
};

export const copilotCostHeader = "x-switchboard-copilot-cost";

/** Test seams: the outbound call and the clock. */
export interface CopilotProviderDependencies {
  send?: SendFunction;
  now?: () => number;
}

export class GithubCopilotProvider implements Provider {
  readonly type = "github-copilot";
  /** The model the router should use for names this provider does not offer (`GITHUB_COPILOT_MODEL`). */
  readonly defaultModel: string | undefined;
  readonly backgroundModel: string | undefined;
  readonly settings: CopilotSettings;
  private readonly sendUpstream: SendFunction;
  private readonly tokens: CopilotTokenCache;
  private readonly catalog: ModelCatalog;
  private readonly logger: Logger;
  /** The account as last read, for a minute: a dashboard refreshing must not hammer GitHub. */
  private account: { read: Promise<ProviderSignInState>; at: number } | undefined;
  private readonly now: () => number;
  private readonly pacer: AccountPacer;

  constructor(
    readonly id: string,
    config: Record<string, unknown>,
    private readonly context: ProviderFactoryContext,
    dependencies: CopilotProviderDependencies = {},
  ) {
    const entry = parseProviderConfig(copilotConfigSchema, id, config);
    this.settings = resolveCopilotSettings(entry, context.env);
    this.defaultModel = this.settings.defaultModel;
    this.backgroundModel = this.settings.backgroundModel;
    this.sendUpstream = dependencies.send ?? defaultSend;
    this.logger = context.logger;
    this.pacer = new AccountPacer(this.settings.pacing);
    const now = dependencies.now ?? Date.now;
    this.now = now;
    this.tokens = new CopilotTokenCache({ exchange: () => this.exchangeToken(), now });
    this.catalog = new ModelCatalog({
      fetchModels: () => this.fetchModels(),
      now,
      onRefreshError: (error) =>
        this.logger.warn({ provider: id, err: error }, "Copilot model list refresh failed; the previous list stays"),
    });
  }

  /** The GitHub token the sign-in chain finds now (re-read at every exchange: the user may sign in again). */
  async findGithubToken(): Promise<FoundGithubToken> {
    const found = await findGithubToken({
      configToken: this.settings.configToken,
      env: this.context.env,
      configDir: this.context.configDir,
      host: this.settings.githubHost,
    }).catch((error: unknown) => {
      // A saved login that became unreadable while serving: the client hears why, not a 500.
      if (!(error instanceof SetupError)) throw error;
      throw new GatewayError("upstream_authentication", error.message, { upstream: { provider: this.id } });
    });
    if (found === undefined) {
      throw new GatewayError(
        "upstream_authentication",
        `No GitHub sign-in found for ${this.settings.githubHost}. Run \`switchboard login github\`, or set GH_TOKEN, or sign in with \`gh auth login\`.`,
        { upstream: { provider: this.id } },
      );
    }
    return found;
  }

  listModels(): Promise<ModelInfo[]> {
    return this.catalog.list();
  }

  async resolveModel(name: string): Promise<ModelInfo | undefined> {
    return resolveCopilotModel(await this.catalog.list(), name, this.id);
  }

  /** A model the account's list lacks: Claude names through Copilot's Messages endpoint, others through Chat first. */
  modelAsNamed(id: string): ModelInfo {
    const apis: WireApi[] = /^claude/i.test(id)
      ? ["anthropic-messages", "openai-chat"]
      : ["openai-chat", "openai-responses"];
    return { id, apis };
  }

  async send(request: UpstreamRequest): Promise<UpstreamResponse> {
    if (request.operation === "count_tokens") return this.countTokens(request);
    // The gateway read who started the turn, and whether it is a side request, from the client's body.
    const { sideRequest } = request.context;
    const initiator = sideRequest === undefined ? request.context.initiator : "agent";
    let model = request.model;
    let body = request.body;
    if (sideRequest !== undefined && this.backgroundModel !== undefined) {
      const background = await this.resolveModel(this.backgroundModel);
      const parsedBody = parseJson(typeof request.body === "string" ? request.body : request.body.toString("utf8"));
      if (background !== undefined && background.apis.includes(request.api) && isRecord(parsedBody)) {
        model = background.id;
        body = JSON.stringify({ ...parsedBody, model });
      } else {
        this.logger.warn(
          { backgroundModel: this.backgroundModel, api: request.api },
          "background_model is not offered on this API; side request kept on its own model",
        );
      }
    }
    const response = await this.postToCopilot({
      request,
      path: endpointPaths[request.api],
      body,
      initiator,
      errorRules: copilotApiErrorRules(model),
    });
    // The router has normally listed the models already; the header is a hint, so a failure to list is no error.
    const models = this.catalog.cached() ?? (await this.catalog.list().catch(() => undefined));
    const multiplier = models?.find((entry) => entry.id === model)?.billing?.multiplier;
    const cost = [`initiator=${initiator}`, `model=${model}`, `multiplier=${multiplier ?? "unknown"}`];
    if (sideRequest !== undefined) cost.push(`side_request=${sideRequest}`);
    response.exposeHeaders = { ...response.exposeHeaders, [copilotCostHeader]: headerSafe(cost.join("; ")) };
    return response;
  }

  /**
   * Copilot's Anthropic endpoint counts tokens at `/v1/messages/count_tokens` (the open proxies
   * forward there). Counting generates nothing, so it is marked `agent` and costs no premium request.
   */
  private countTokens(request: UpstreamRequest): Promise<UpstreamResponse> {
    if (request.api !== "anthropic-messages") {
      throw new GatewayError(
        "unsupported_feature",
        "GitHub Copilot counts tokens only on its Anthropic Messages endpoint.",
      );
    }
    return this.postToCopilot({
      request,
      path: "/v1/messages/count_tokens",
      body: request.body,
      initiator: "agent",
      errorRules: copilotCountTokensErrorRules(request.model),
    });
  }

  /**
   * Every call to the account's API waits its turn in the account's queue (README: "Pacing"). A
   * rate-limit answer holds the queue for the time Copilot asks and the request waits again, until
   * its `max_queue_wait_s` is spent; it is answered 429 only then.
   */
  private async postToCopilot(options: {
    request: UpstreamRequest;
    path: string;
    body: Buffer | string;
    initiator: "user" | "agent";
    errorRules: UpstreamErrorRule[];
  }): Promise<UpstreamResponse> {
    const arrived = Date.now();
    const queueDepth = this.pacer.depth;
    const deadline = arrived + this.pacer.settings.maxQueueWaitMs;
    for (;;) {
      if (this.pacer.mustWait()) options.request.context.onQueueWait?.();
      let release: () => void;
      try {
        release = await this.pacer.acquire(deadline, options.request.signal);
      } catch (error) {
        if (error instanceof GatewayError)
          error.headers[queueHeader] = formatQueueHeader(Date.now() - arrived, queueDepth);
        throw error;
      }
      const started = Date.now();
      let response: UpstreamResponse;
      try {
        response = await this.sendToCopilot(options);
      } catch (error) {
        release();
        if (!(error instanceof GatewayError) || error.code !== "rate_limited") throw error;
        // GitHub asks clients that get no retry-after to wait a minute before trying again.
        const seconds = error.upstream?.retryAfter ?? 60;
        this.pacer.hold(seconds);
        this.logger.warn(
          { provider: this.id, retryAfter: seconds, waiting: this.pacer.depth },
          "Copilot rate limited this account; its queue holds for the time asked",
        );
        continue;
      }
      // A stream holds its place until its body ends.
      finished(response.body, () => release());
      response.exposeHeaders = {
        ...response.exposeHeaders,
        [queueHeader]: formatQueueHeader(started - arrived, queueDepth),
      };
      return response;
    }
  }

  private sendToCopilot(options: {
    request: UpstreamRequest;
    path: string;
    body: Buffer | string;
    initiator: "user" | "agent";
    errorRules: UpstreamErrorRule[];
  }): Promise<UpstreamResponse> {
    const { request } = options;
    return this.withCopilotToken(
      (token) =>
        this.sendUpstream({
          provider: this.id,
          url: joinUrl(this.apiBase(token), options.path),
          method: "POST",
          headers: buildCopilotHeaders({
            copilotToken: token.token,
            initiator: options.initiator,
            hasImages: request.context.hasImages,
            stream: request.stream,
            forwardHeaders: request.api === "anthropic-messages" ? request.context.forwardHeaders : {},
          }),
          body: options.body,
          signal: request.signal,
          timeouts: this.context.timeouts,
          errorRules: options.errorRules,
          secrets: [token.token],
        }),
      request.signal,
    );
  }

  signInState(): Promise<ProviderSignInState> {
    if (this.account === undefined || this.now() - this.account.at > 60_000) {
      const read = readCopilotAccount({
        settings: this.settings,
        env: this.context.env,
        configDir: this.context.configDir,
        send: this.sendUpstream,
        timeouts: this.context.timeouts,
      });
      this.account = { read, at: this.now() };
    }
    return this.account.read;
  }

  /** Copilot's `POST /embeddings` (OpenAI's shape), for the models its `/models` lists as embedding models. */
  embed(request: EmbeddingRequest): Promise<UpstreamResponse> {
    return this.withCopilotToken(
      (token) =>
        this.sendUpstream({
          provider: this.id,
          url: joinUrl(this.apiBase(token), "/embeddings"),
          method: "POST",
          headers: buildCopilotHeaders({
            copilotToken: token.token,
            initiator: "agent",
            hasImages: false,
            stream: false,
          }),
          body: request.body,
          signal: request.signal,
          timeouts: this.context.timeouts,
          secrets: [token.token],
        }),
      request.signal,
    );
  }

  async close(): Promise<void> {
    // Nothing to free: no timers run, and connection pools belong to `sendUpstream`.
  }

  private apiBase(token: CopilotToken): string {
    return this.settings.baseUrl ?? token.apiUrl?.replace(/\/+$/, "") ?? individualCopilotApiUrl;
  }

  /** Runs `call` with a valid token; on a 401 the token is refreshed and the call made once more. */
  private withCopilotToken<T>(call: (token: CopilotToken) => Promise<T>, signal?: AbortSignal): Promise<T> {
    return retryWithFreshToken({
      tokens: this.tokens,
      call,
      signal,
      onRetry: () =>
        this.logger.info({ provider: this.id }, "Copilot refused the token (401); refreshing it and retrying once"),
    });
  }

  /** Premium requests left as GitHub counts them, for the usage store to compare with its own count. */
  async premiumQuota(): Promise<PremiumQuota | undefined> {
    const found = await this.findGithubToken();
    const user = await getCopilotUser({
      githubApiUrl: this.settings.githubApiUrl,
      githubToken: found.token,
      send: this.sendUpstream,
      timeouts: this.context.timeouts,
    });
    const premium = user.premiumRequests;
    if (premium === undefined) return undefined;
    const quota: PremiumQuota = { unlimited: premium.unlimited };
    if (premium.entitlement !== undefined) quota.entitlement = premium.entitlement;
    if (premium.remaining !== undefined) quota.remaining = premium.remaining;
    if (premium.percentRemaining !== undefined) quota.percentRemaining = premium.percentRemaining;
    if (user.quotaResetDate !== undefined) quota.resetDate = user.quotaResetDate;
    return quota;
  }

  private async exchangeToken(): Promise<CopilotToken> {
    const found = await this.findGithubToken();
    const token = await getCopilotToken({
      provider: this.id,
      githubApiUrl: this.settings.githubApiUrl,
      githubToken: found.token,
      tokenDescription: describeTokenSource(found.source),
      send: this.sendUpstream,
      timeouts: this.context.timeouts,
    });
    this.logger.debug({ provider: this.id, sku: token.sku, source: found.source }, "Copilot token obtained");
    return token;
  }

  private fetchModels(): Promise<unknown> {
    return this.withCopilotToken(async (token) => {
      const response = await this.sendUpstream({
        provider: this.id,
        url: joinUrl(this.apiBase(token), "/models"),
        method: "GET",
        headers: buildCopilotHeaders({
          copilotToken: token.token,
          initiator: "agent",
          hasImages: false,
          stream: false,
        }),
        timeouts: this.context.timeouts,
        secrets: [token.token],
      });
      return readJsonBody(response.body);
    });
  }
}
