import { estimateCost } from "./estimate-cost.js";
import type { ModelPrice } from "./price-table.js";
import { redactBody } from "./redact-body.js";
import { makeTextStorable } from "./storable-text.js";
import type { UsageRecord } from "./usage-record.js";

/**
 * Completes a row in place before it is queued: the cost estimate (when the gateway gave none and
 * the model has a price), the bodies redacted and capped, or removed unless `store.bodies`, and
 * every text storable on both engines (a refused request's model name may hold a NUL: the row is still kept).
 */
export function prepareRecord(
  row: UsageRecord,
  options: { price: (model: string) => ModelPrice | undefined; keepBodies: boolean },
): void {
  if (row.costUsd === undefined && row.usage !== undefined) {
    const found = options.price(row.upstreamModel ?? row.requestedModel);
    if (found !== undefined) row.costUsd = estimateCost(found, row.usage);
  }
  makeTextStorable(row as unknown as Record<string, unknown>);
  if (row.bodies === undefined) return;
  if (!options.keepBodies) {
    delete row.bodies;
    return;
  }
  const bodies: NonNullable<UsageRecord["bodies"]> = {};
  if (row.bodies.request !== undefined) bodies.request = redactBody(row.bodies.request);
  if (row.bodies.response !== undefined)
    bodies.response = redactBody(row.bodies.response, row.bodies.responseLength ?? row.bodies.response.length);
  row.bodies = bodies;
}
