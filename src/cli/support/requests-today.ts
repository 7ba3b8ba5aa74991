import type { LoadedConfig } from "../../config/load-config.js";

/**
 * The seam for `switchboard status`'s "requests today": the number of requests the usage store
 * holds since local midnight, or undefined when no store is configured (the line is then left
 * out). The usage store is being built separately; when it lands, this reads its count for the
 * configured store instead of answering undefined.
 */
export async function readRequestsToday(_loaded: LoadedConfig | undefined): Promise<number | undefined> {
  return undefined;
}
