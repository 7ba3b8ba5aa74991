import { GatewayError, isGatewayError } from "../../errors/index.js";
import { upstreamMessage } from "./get-copilot-token.js";

const quotaPattern = /quota|premium request|allowance|exceeded your|usage limit|billing/i;
const notEnabledPattern =
  /not enabled|model_not_supported|not supported|enable (it|this model)|policy|not available for/i;

/**
 * Turns Copilot's quota and model-policy refusals into errors that say what to do, keeping the
 * upstream's own text (it names the plan and the setting). Anything else passes unchanged.
 */
export function explainCopilotError(error: unknown, model: string): unknown {
  if (!isGatewayError(error) || error.upstream?.status === undefined) return error;
  const status = error.upstream.status;
  const text = upstreamMessage(error.upstream.bodyExcerpt) ?? error.message;
  const code = `${error.upstream.type ?? ""} ${error.upstream.bodyExcerpt ?? ""}`;
  if (
    (status === 402 || status === 403 || status === 429) &&
    quotaPattern.test(`${text} ${code}`) &&
    !/rate limit/i.test(text)
  ) {
    return new GatewayError(
      "quota_exceeded",
      `GitHub Copilot: ${text} — your premium requests for this period are used up. Run \`switchboard status\` to see the reset date, choose a model that costs no premium requests, or allow paid overage at https://github.com/settings/copilot/features.`,
      { upstream: error.upstream, cause: error },
    );
  }
  if ((status === 400 || status === 403 || status === 404) && notEnabledPattern.test(`${text} ${code}`)) {
    return new GatewayError(
      "permission",
      `GitHub Copilot: ${text} — the model ${model} is not enabled for this account. Enable it at https://github.com/settings/copilot/features (or ask your organisation's admin to allow it), then retry.`,
      { upstream: error.upstream, cause: error },
    );
  }
  return error;
}
