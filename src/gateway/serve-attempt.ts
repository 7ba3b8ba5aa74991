import { GatewayError } from "../errors/gateway-error.js";
import type { PlannedTarget } from "../router/plan-route.js";
import { selectApi } from "../router/select-api.js";
import { translators } from "../translate/registry.js";
import type { DecodedRequest } from "../translate/translator.js";
import { committingProvider } from "./commit-first-chunk.js";
import type { GatewayInput } from "./gateway-types.js";
import type { GatewayDependencies } from "./handle-request.js";
import { shapeBodyForTarget } from "./param-policy.js";
import type { TurnFacts } from "./detect-initiator.js";
import { buildRequestContext } from "./request-context.js";
import type { Served } from "./served.js";
import { servePassthrough } from "./serve-passthrough.js";
import { serveTranslated } from "./serve-translated.js";

/**
 * One attempt on one deployment: the body shaped for the target (dropped parameters), then
 * passthrough or translation. Resolves once the answer is committed (for streams, its first
 * chunk is in), so that anything failing before can still be retried or moved along the chain.
 */
export async function serveAttempt(options: {
  input: GatewayInput;
  body: Record<string, unknown>;
  stream: boolean;
  requestedModel: string;
  turn: TurnFacts;
  planned: PlannedTarget | undefined;
  signal: AbortSignal;
  /** Decoded requests by shaped body: targets that get the same body share one decode. */
  decodedByBody: Map<Record<string, unknown>, DecodedRequest>;
  dependencies: GatewayDependencies;
}): Promise<Served> {
  const { input, planned, signal, dependencies } = options;
  const { clientApi } = input;
  if (planned === undefined) throw new GatewayError("internal", "A deployment of the plan has no target.");
  const target = { provider: committingProvider(planned.provider), model: planned.model };
  const upstreamApi = selectApi(clientApi, target.model);
  const shaped = shapeBodyForTarget({
    clientApi,
    body: options.body,
    rawBody: input.rawBody,
    target: planned,
    policy: dependencies.params,
  });
  const context = buildRequestContext({
    requestId: input.requestId,
    clientApi,
    ...options.turn,
    headers: input.headers,
    upstreamApi,
  });
  let served: Served;
  if (upstreamApi === clientApi) {
    served = await servePassthrough({
      target,
      api: clientApi,
      rawBody: shaped.rawBody,
      stream: options.stream,
      query: input.query,
      context,
      signal,
      logger: dependencies.logger,
    });
  } else {
    let decoded = options.decodedByBody.get(shaped.body);
    if (decoded === undefined) {
      decoded = translators[clientApi].decodeRequest(shaped.body);
      options.decodedByBody.set(shaped.body, decoded);
    }
    served = await serveTranslated({
      target,
      clientApi,
      upstreamApi,
      decoded,
      requestedModel: options.requestedModel,
      context,
      signal,
    });
  }
  if (shaped.warnings.length === 0) return served;
  return { ...served, warnings: [...shaped.warnings, ...served.warnings] };
}
