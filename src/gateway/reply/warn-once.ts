import type { Warning } from "../../ir/warning.js";
import type { Logger } from "../../lib/logger.js";

/** Distinct (route, feature set) pairs remembered; past this, repeats of new pairs go to debug too. */
const rememberedLimit = 1000;

/**
 * Logs dropped or approximated features once per client API, target and feature set at `warn`,
 * and every later time at `debug`. A Claude Code session through a Chat upstream drops
 * `cache_control` on every request: that is one fact for the operator, not a line per request
 * (and a synchronous log write per request costs the hot path). Nothing is lost: every request's
 * usage record carries its warnings, and the client gets them in `x-switchboard-warnings`.
 */
export function createWarnOnce(
  logger: Logger,
): (entry: {
  requestId: string;
  clientApi: string;
  provider?: string;
  upstreamModel?: string;
  warnings: Warning[];
}) => void {
  const said = new Set<string>();
  return ({ requestId, clientApi, provider, upstreamModel, warnings }) => {
    const features = warnings.map((warning) => warning.feature).join(",");
    const key = `${clientApi} ${provider ?? ""}/${upstreamModel ?? ""} ${features}`;
    const details = { requestId, clientApi, provider, upstreamModel, warnings };
    if (!said.has(key) && said.size < rememberedLimit) {
      said.add(key);
      logger.warn(
        details,
        "features dropped or approximated (said once per route and feature set; usage records list them every time)",
      );
    } else if (logger.isLevelEnabled("debug")) {
      logger.debug(details, "features dropped or approximated");
    }
  };
}
