import { GatewayError } from "../errors/gateway-error.js";
import type { Provider, UpstreamResponse } from "../providers/provider.js";

/** What `/v1/embeddings` needs of the routing table: the aliases and the providers. */
export interface EmbeddingsTable {
  aliases: Record<string, string[]>;
  providers: Map<string, Provider>;
}

function embeddingProviders(table: EmbeddingsTable): Provider[] {
  return [...table.providers.values()].filter((provider) => provider.embed !== undefined);
}

function noEmbeddings(what: string, table: EmbeddingsTable): GatewayError {
  const offering = embeddingProviders(table).map((provider) => `${provider.id} (${provider.type})`);
  const which =
    offering.length === 0
      ? "No configured provider offers embeddings: add an openai or OpenAI-compatible provider, or GitHub Copilot."
      : `Providers that do: ${offering.join(", ")}; name a model as provider/model.`;
  return new GatewayError("invalid_request", `${what} Embeddings are not offered there. ${which}`, { param: "model" });
}

/**
 * The provider and model for an embeddings request: an alias's first target, else the name;
 * `provider/model` picks the provider, a bare name goes to the first provider with embeddings.
 */
function targetOf(model: string, table: EmbeddingsTable): { provider: Provider; model: string } {
  const name = table.aliases[model]?.[0] ?? model;
  const slash = name.indexOf("/");
  const named = slash > 0 ? table.providers.get(name.slice(0, slash)) : undefined;
  if (named !== undefined) {
    if (named.embed === undefined)
      throw noEmbeddings(`Provider "${named.id}" (${named.type}) has no embeddings endpoint.`, table);
    return { provider: named, model: name.slice(slash + 1) };
  }
  const first = embeddingProviders(table)[0];
  if (first === undefined) throw noEmbeddings(`The model "${model}" cannot be served.`, table);
  return { provider: first, model: name };
}

/** `POST /v1/embeddings` (OpenAI's shape): validated, routed, forwarded with the provider's model id. */
export async function serveEmbeddings(options: {
  table: EmbeddingsTable;
  body: unknown;
  signal: AbortSignal;
  /** The key and limit check (src/limits), once the body is valid and before any upstream call. */
  admit?: (model: string) => Promise<unknown>;
}): Promise<UpstreamResponse> {
  const { body } = options;
  if (typeof body !== "object" || body === null || Array.isArray(body))
    throw new GatewayError("invalid_request", "The request body must be a JSON object.");
  const request = body as Record<string, unknown>;
  if (typeof request["model"] !== "string" || request["model"] === "")
    throw new GatewayError("invalid_request", "you must provide a model parameter", { param: "model" });
  if (request["input"] === undefined)
    throw new GatewayError("invalid_request", "Missing required parameter: 'input'.", { param: "input" });
  await options.admit?.(request["model"]);
  const target = targetOf(request["model"], options.table);
  return target.provider.embed!({
    model: target.model,
    body: JSON.stringify({ ...request, model: target.model }),
    signal: options.signal,
  });
}
