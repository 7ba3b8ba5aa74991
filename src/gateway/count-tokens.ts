import { GatewayError, toGatewayError } from "../errors/gateway-error.js";
import { describeTurn } from "./turn/detect-initiator.js";
import { errorReply } from "./reply/error-reply.js";
import type { GatewayInput, GatewayReply } from "./gateway-types.js";
import type { GatewayDependencies } from "./gateway-types.js";
import { readBody } from "./turn/read-body.js";
import { replaceModel } from "./turn/replace-model.js";
import { buildRequestContext } from "./turn/request-context.js";
import { headerSafe } from "../lib/header-safe.js";

/**
 * Estimated tokens when the upstream cannot count: about four characters of JSON per token, the
 * usual rule of thumb for English and code with BPE tokenizers. It over-counts JSON punctuation
 * a little, which errs on the safe side for a client deciding when to compact its context.
 */
export function estimateTokens(body: Record<string, unknown>): number {
  const counted = JSON.stringify([body["system"] ?? "", body["messages"] ?? [], body["tools"] ?? []]);
  return Math.ceil(counted.length / 4);
}

/** `POST /v1/messages/count_tokens`: Anthropic upstreams count exactly; others get an estimate. */
export async function countTokens(input: GatewayInput, dependencies: GatewayDependencies): Promise<GatewayReply> {
  const api = "anthropic-messages";
  try {
    const body = input.body;
    if (body === null || typeof body !== "object" || Array.isArray(body))
      throw new GatewayError("invalid_request", "The request body must be a JSON object.");
    const fields = body as Record<string, unknown>;
    if (typeof fields["model"] !== "string")
      throw new GatewayError("invalid_request", "model: a string is required.", { param: "model" });
    if (!Array.isArray(fields["messages"]))
      throw new GatewayError("invalid_request", "messages: an array is required.", { param: "messages" });
    // The same route a generation would take (deployments, then fallbacks), in config order.
    const route = await dependencies.plans.plan(fields["model"]);
    const targets = route.plan.groups.flatMap((group) =>
      group.deployments.flatMap((deployment) => route.targets.get(deployment.key) ?? []),
    );
    const target = targets.find((candidate) => candidate.model.apis.includes(api));
    const headers: Record<string, string> = { "x-request-id": input.requestId };
    const estimate = (): GatewayReply => {
      headers["x-switchboard-token-count"] = "estimate";
      return { status: 200, headers, body: { kind: "json", value: { input_tokens: estimateTokens(fields) } } };
    };
    if (target === undefined) return estimate();
    const context = buildRequestContext({
      requestId: input.requestId,
      clientApi: api,
      ...describeTurn(api, fields),
      headers: input.headers,
      upstreamApi: api,
    });
    const sent = target.provider.send({
      api,
      model: target.model.id,
      body: replaceModel(input.rawBody, target.model.id),
      stream: false,
      operation: "count_tokens",
      ...(input.query === "" ? {} : { query: input.query }),
      context,
      signal: input.signal,
    });
    // An upstream that speaks Messages but cannot count (some subscription gateways) gets the estimate too.
    const upstream = await sent.catch((thrown: unknown) => {
      if (toGatewayError(thrown).code === "unsupported_feature") return undefined;
      throw thrown;
    });
    if (upstream === undefined) return estimate();
    const data = await readBody(upstream.body);
    Object.assign(headers, upstream.exposeHeaders, {
      "content-type": upstream.headers["content-type"] ?? "application/json",
      "x-switchboard-provider": headerSafe(target.provider.id),
      "x-switchboard-model": headerSafe(target.model.id),
    });
    return { status: upstream.status, headers, body: { kind: "bytes", data } };
  } catch (thrown) {
    const error = toGatewayError(thrown);
    return errorReply(api, error, { "x-request-id": input.requestId });
  }
}
