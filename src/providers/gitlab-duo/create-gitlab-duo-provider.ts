import { GatewayError } from "../../errors/index.js";
import { retryWithFreshToken } from "../retry-with-fresh-token.js";
import type { Provider, ProviderFactoryContext, UpstreamRequest, UpstreamResponse } from "../provider.js";
import { resolveGitlabDuoSettings } from "./config.js";
import { DirectAccessTokenCache } from "./direct-access-token-cache.js";
import { sendUpstream, type SendFunction } from "../../upstream/index.js";
import { countTokensErrorRules, gatewayErrorRules } from "./duo-error-rules.js";
import { fetchDirectAccessToken, type DirectAccessToken } from "./fetch-direct-access-token.js";
import { buildGatewayRequest } from "./gateway-request.js";
import { apisFor, buildModelTable, vendorFor } from "./models.js";
import { createModelResolver, toModelInfo } from "./resolve-model.js";

/** What tests (and the integrator) may replace. */
export interface GitlabDuoDependencies {
  /** Defaults to the shared `sendUpstream` (its keep-alive pools are shared by every provider). */
  send?: SendFunction;
  now?: () => number;
}

export function createGitlabDuoProvider(
  id: string,
  config: Record<string, unknown>,
  context: ProviderFactoryContext,
  dependencies: GitlabDuoDependencies = {},
): Provider {
  const settings = resolveGitlabDuoSettings({ id, config, env: context.env });
  const table = buildModelTable(settings.models);
  const resolve = createModelResolver(table);
  const send = dependencies.send ?? sendUpstream;

  const tokens = new DirectAccessTokenCache({
    logger: context.logger,
    ...(dependencies.now === undefined ? {} : { now: dependencies.now }),
    fetchToken: async () => {
      const token = await fetchDirectAccessToken({
        send,
        provider: id,
        instanceUrl: settings.instanceUrl,
        personalAccessToken: settings.personalAccessToken,
        timeouts: context.timeouts,
        ...(settings.featureFlags === undefined ? {} : { featureFlags: settings.featureFlags }),
      });
      const expiresAt = token.expiresAt === undefined ? undefined : new Date(token.expiresAt).toISOString();
      context.logger.debug(
        { provider: id, instanceUrl: settings.instanceUrl, expiresAt },
        "gitlab-duo: direct-access token issued",
      );
      return token;
    },
  });

  const sendWithToken = async (request: UpstreamRequest, token: DirectAccessToken): Promise<UpstreamResponse> => {
    const { url, headers } = buildGatewayRequest({ provider: id, gatewayUrl: settings.gatewayUrl, request, token });
    return send({
      provider: id,
      url,
      method: "POST",
      headers,
      body: request.body,
      signal: request.signal,
      timeouts: context.timeouts,
      errorRules: [
        ...(request.operation === "count_tokens" ? countTokensErrorRules({ provider: id, model: request.model }) : []),
        ...gatewayErrorRules({ provider: id, model: request.model }),
      ],
      secrets: [token.token, settings.personalAccessToken],
    });
  };

  return {
    id,
    type: "gitlab-duo",
    listModels: async () => table.map(toModelInfo),
    verifySignIn: async () => {
      await tokens.get();
    },
    signInState: async () => {
      const expiresAt = tokens.expiresAt;
      return {
        kind: "gitlab",
        instanceUrl: settings.instanceUrl,
        ...(expiresAt === undefined ? {} : { tokenExpiresAt: new Date(expiresAt).toISOString() }),
      };
    },
    resolveModel: async (name) => {
      const entry = resolve(name);
      return entry === undefined ? undefined : toModelInfo(entry);
    },
    modelAsNamed: (modelId) => ({ id: modelId, apis: apisFor(vendorFor(modelId), modelId) }),
    async send(request) {
      if (request.operation === "count_tokens" && request.api !== "anthropic-messages") {
        throw new GatewayError(
          "unsupported_feature",
          `GitLab Duo (${id}) counts tokens only through its Anthropic proxy.`,
        );
      }
      return retryWithFreshToken({
        tokens,
        call: (token) => sendWithToken(request, token),
        signal: request.signal,
      });
    },
    async close() {
      // Nothing to free: no timers run, and the connection pools belong to `sendUpstream`.
    },
  };
}
