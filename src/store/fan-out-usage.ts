import type { GatewayMetrics } from "./metrics.js";
import type { UsageRecord, UsageSink } from "./usage-record.js";
import type { UsageStore } from "./usage-store.js";

/**
 * The gateway's one sink: the store first (it fills the cost estimate), then the log line and
 * the metrics. Bodies never go to the log.
 */
export function fanOutUsage(sinks: {
  store: UsageStore | undefined;
  log: UsageSink;
  metrics: GatewayMetrics;
}): UsageSink {
  const { store, log, metrics } = sinks;
  return {
    record(entry: UsageRecord): void {
      store?.record(entry);
      if (entry.bodies === undefined) log.record(entry);
      else log.record({ ...entry, bodies: undefined });
      metrics.observe(entry);
    },
  };
}
