import { GatewayError } from "../../errors/gateway-error.js";
import type { PlannedTarget } from "../../router/plan-route.js";
import { selectApi } from "../../router/select-api.js";
import { translators } from "../../translate/registry.js";
import { committingProvider } from "./commit-first-chunk.js";
import type { GatewayInput } from "../gateway-types.js";
import type { GatewayDependencies } from "../gateway-types.js";
import { shapeBodyForTarget } from "../turn/param-policy.js";
import type { TurnFacts } from "../turn/detect-initiator.js";
import type { RequestBody } from "../turn/request-body.js";
import { buildRequestContext } from "../turn/request-context.js";
import type { Served } from "../stream/served.js";
import { servePassthrough } from "./serve-passthrough.js";
import { serveTranslated } from "./serve-translated.js";

/**
 * One attempt on one deployment: the body shaped for the target (dropped parameters), then
 * passthrough or translation. Resolves once the answer is committed (for streams, its first
 * chunk is in), so that anything failing before can still be retried or moved along the chain.
 *
 * Not an async function on purpose: everything made from the parsed body is made here, in one
 * synchronous pass that ends with the upstream request sent, and none of it is held while the
 * upstream answers (the body's parse tree is released for the same reason).
 */
export function serveAttempt(options: {
  input: GatewayInput;
  body: RequestBody;
  stream: boolean;
  requestedModel: string;
  turn: TurnFacts;
  planned: PlannedTarget | undefined;
  signal: AbortSignal;
  dependencies: GatewayDependencies;
}): Promise<Served> {
  const { input, planned, signal, dependencies } = options;
  const { clientApi } = input;
  if (planned === undefined)
    return Promise.reject(new GatewayError("internal", "A deployment of the plan has no target."));
  let served: Promise<Served>;
  let shapedWarnings: Served["warnings"];
  try {
    const target = { provider: committingProvider(planned.provider), model: planned.model };
    const upstreamApi = selectApi(clientApi, target.model);
    const shaped = shapeBodyForTarget({
      clientApi,
      body: options.body.get(),
      rawBody: input.rawBody,
      target: planned,
      policy: dependencies.params,
    });
    shapedWarnings = shaped.warnings;
    const context = buildRequestContext({
      requestId: input.requestId,
      clientApi,
      ...options.turn,
      headers: input.headers,
      upstreamApi,
      ...(options.stream && input.onQueueWait !== undefined ? { onQueueWait: input.onQueueWait } : {}),
    });
    served =
      upstreamApi === clientApi
        ? servePassthrough({
            target,
            api: clientApi,
            rawBody: shaped.rawBody,
            stream: options.stream,
            query: input.query,
            context,
            signal,
            logger: dependencies.logger,
          })
        : serveTranslated({
            target,
            clientApi,
            upstreamApi,
            decoded: translators[clientApi].decodeRequest(shaped.body),
            requestedModel: options.requestedModel,
            promptCache: planned.promptCache,
            context,
            signal,
          });
  } catch (error) {
    return Promise.reject(error);
  } finally {
    options.body.release();
  }
  if (shapedWarnings.length === 0) return served;
  const warnings = shapedWarnings;
  return served.then((answer) => ({ ...answer, warnings: [...warnings, ...answer.warnings] }));
}
