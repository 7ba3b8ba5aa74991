import type { Warning } from "../../ir/warning.js";
import type { WireApi } from "../../protocols/wire-api.js";
import type { PlannedTarget } from "../../router/plan-route.js";

/** The reasoning parameter of each API: what a model without reasoning cannot take. */
const reasoningParams: Record<WireApi, string> = {
  "anthropic-messages": "thinking",
  "openai-chat": "reasoning_effort",
  "openai-responses": "reasoning",
};

export interface ParamPolicy {
  /** Drop what a target is known not to take (LiteLLM's `drop_params`). */
  dropUnsupported: boolean;
  /** Dropped from every request (LiteLLM's `additional_drop_params`). */
  alwaysDrop: string[];
}

export interface ShapedBody {
  body: Record<string, unknown>;
  /** The bytes to forward: the client's own when nothing was dropped. */
  rawBody: Buffer;
  warnings: Warning[];
}

/**
 * The request as one target may receive it: top-level parameters the route, the deployment or the
 * global policy drop are removed, each with a warning for the response header. Untouched requests
 * keep their original bytes (passthrough stays byte-exact).
 */
export function shapeBodyForTarget(options: {
  clientApi: WireApi;
  body: Record<string, unknown>;
  rawBody: Buffer;
  target: PlannedTarget;
  policy: ParamPolicy;
}): ShapedBody {
  const { body, target, policy } = options;
  const reasons = new Map<string, string>();
  for (const name of policy.alwaysDrop) reasons.set(name, "dropped by additional_drop_params");
  for (const name of target.dropParams) reasons.set(name, `${target.provider.id}/${target.model.id} does not take it`);
  const reasoning = reasoningParams[options.clientApi];
  if (policy.dropUnsupported && target.model.capabilities?.reasoning === false)
    reasons.set(reasoning, `${target.provider.id}/${target.model.id} has no reasoning`);
  const present = [...reasons.keys()].filter((name) => name !== "model" && body[name] !== undefined);
  if (present.length === 0) return { body, rawBody: options.rawBody, warnings: [] };
  const shaped = { ...body };
  for (const name of present) delete shaped[name];
  return {
    body: shaped,
    rawBody: Buffer.from(JSON.stringify(shaped)),
    warnings: present.map((name) => ({ type: "unsupported", feature: name, detail: `dropped: ${reasons.get(name)}` })),
  };
}
