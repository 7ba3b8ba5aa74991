import { GatewayError } from "../../errors/index.js";
import type { Logger } from "../../lib/logger.js";
import type { WireApi } from "../../protocols/wire-api.js";
import { joinUrl, sendUpstream } from "../../upstream/index.js";
import type {
  EmbeddingRequest,
  ModelInfo,
  Provider,
  UpstreamRequest,
  UpstreamResponse,
  UpstreamTimeouts,
} from "../provider.js";
import { createModelCatalog } from "./model-catalog.js";
import { listOpenAiModels } from "./list-openai-models.js";

/** Everything an OpenAI-shaped provider needs, already validated and defaulted. */
export interface OpenAiShapedSettings {
  id: string;
  type: string;
  baseUrl: string;
  apiKey: string | undefined;
  headers: Record<string, string>;
  /** The apis a discovered model is reached through. */
  apis: WireApi[];
  models: ModelInfo[] | undefined;
  aliases: Record<string, string>;
  timeouts: UpstreamTimeouts;
  logger: Logger;
  /** Drops discovered models that cannot chat (embeddings, images, audio). */
  keepModel?: (id: string) => boolean;
}

const paths: Partial<Record<WireApi, string>> = {
  "openai-chat": "/chat/completions",
  "openai-responses": "/responses",
};

/** Client headers an OpenAI upstream understands (`openai-beta`, `openai-organization`, …). */
function forwardedOpenAiHeaders(forward: Record<string, string>): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(forward)) {
    if (name.toLowerCase().startsWith("openai-")) headers[name.toLowerCase()] = value;
  }
  return headers;
}

/** The shared core of the `openai` and `openai-compatible` providers: Chat at /chat/completions, Responses at /responses. */
export function createOpenAiShapedProvider(settings: OpenAiShapedSettings): Provider {
  const secrets = settings.apiKey === undefined ? [] : [settings.apiKey];
  const authorization: Record<string, string> =
    settings.apiKey === undefined ? {} : { authorization: `Bearer ${settings.apiKey}` };

  const catalog = createModelCatalog({
    configured: settings.models,
    aliases: settings.aliases,
    defaultApis: settings.apis,
    onRefreshError: (error) =>
      settings.logger.warn({ provider: settings.id, err: error }, "model list refresh failed; the previous list stays"),
    discover: async () => {
      const ids = await listOpenAiModels({
        provider: settings.id,
        url: joinUrl(settings.baseUrl, "/models"),
        headers: { ...settings.headers, ...authorization },
        timeouts: settings.timeouts,
        secrets,
      });
      const keep = settings.keepModel ?? (() => true);
      return ids.filter(keep).map((id) => ({ id, apis: [...settings.apis] }));
    },
  });

  // Not async: the promise is sendUpstream's own, with no wrapper's hops on every request.
  function send(request: UpstreamRequest): Promise<UpstreamResponse> {
    const path = paths[request.api];
    if (request.operation === "count_tokens" || path === undefined) {
      const what = request.operation === "count_tokens" ? "token counting" : `the ${request.api} API`;
      return Promise.reject(
        new GatewayError("unsupported_feature", `Provider "${settings.id}" (${settings.type}) does not offer ${what}.`),
      );
    }
    // Filled in place: spreads into a literal are a slow path.
    const headers: Record<string, string> = {
      "content-type": "application/json",
      accept: request.stream ? "text/event-stream" : "application/json",
    };
    Object.assign(headers, forwardedOpenAiHeaders(request.context.forwardHeaders), settings.headers, authorization);
    return sendUpstream({
      provider: settings.id,
      url: joinUrl(settings.baseUrl, path, request.query),
      method: "POST",
      headers,
      body: request.body,
      signal: request.signal,
      timeouts: settings.timeouts,
      secrets,
    });
  }

  function embed(request: EmbeddingRequest): Promise<UpstreamResponse> {
    return sendUpstream({
      provider: settings.id,
      url: joinUrl(settings.baseUrl, "/embeddings"),
      method: "POST",
      headers: {
        "content-type": "application/json",
        accept: "application/json",
        ...settings.headers,
        ...authorization,
      },
      body: request.body,
      signal: request.signal,
      timeouts: settings.timeouts,
      secrets,
    });
  }

  return {
    id: settings.id,
    type: settings.type,
    listModels: () => catalog.list(),
    verifySignIn: () => catalog.verify(),
    resolveModel: (name) => catalog.resolve(name),
    signInState: async () => ({ kind: "api-key", keyPresent: settings.apiKey !== undefined }),
    modelAsNamed: (modelId) => ({ id: modelId, apis: [...settings.apis] }),
    send,
    embed,
    async close() {
      catalog.clear();
    },
  };
}
