import { isGatewayError } from "../../errors/index.js";
import type { Provider, ProviderFactoryContext, UpstreamRequest, UpstreamResponse } from "../provider.js";
import { resolveGitlabDuoSettings } from "./config.js";
import { DirectAccessTokenCache } from "./direct-access-token-cache.js";
import { explainGatewayError } from "./explain-gateway-error.js";
import { fetchDirectAccessToken, type DirectAccessToken } from "./fetch-direct-access-token.js";
import { buildGatewayRequest } from "./gateway-request.js";
import { buildModelTable } from "./models.js";
import { createModelResolver, toModelInfo } from "./resolve-model.js";
import { createUndiciSend, type SendFunction } from "./send-with-undici.js";

/** What tests (and the integrator) may replace. */
export interface GitlabDuoDependencies {
  /** Defaults to an undici client with `sendUpstream`'s contract, until src/upstream/ lands. */
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
  const ownClient = dependencies.send === undefined ? createUndiciSend() : undefined;
  const send = dependencies.send ?? (ownClient as { send: SendFunction }).send;

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
      secrets: [token.token, settings.personalAccessToken],
    });
  };

  return {
    id,
    type: "gitlab-duo",
    listModels: async () => table.map(toModelInfo),
    resolveModel: async (name) => {
      const entry = resolve(name);
      return entry === undefined ? undefined : toModelInfo(entry);
    },
    async send(request) {
      // Errors of the token exchange are explained where they happen; only gateway answers are explained here.
      const explain = (error: unknown): unknown => explainGatewayError({ error, provider: id, model: request.model });
      const token = await tokens.get();
      try {
        return await sendWithToken(request, token);
      } catch (error) {
        // A token can go stale before its time (revoked, gateway restarted): one fresh token, one retry.
        if (!isGatewayError(error) || error.upstream?.status !== 401 || request.signal.aborted) throw explain(error);
      }
      tokens.invalidate(token);
      const fresh = await tokens.get();
      try {
        return await sendWithToken(request, fresh);
      } catch (error) {
        throw explain(error);
      }
    },
    async close() {
      await ownClient?.close();
    },
  };
}
