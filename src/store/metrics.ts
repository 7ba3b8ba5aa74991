import { Counter, Gauge, Histogram, Registry } from "prom-client";
import { latencyBucketBounds } from "./latency-buckets.js";
import type { UsageRecord } from "./usage-record.js";
import type { StoreHealth } from "./usage-store.js";

export interface GatewayMetrics {
  registry: Registry;
  /** Counts one finished request (the usage store's live feed calls it). */
  observe(record: UsageRecord): void;
}

const seconds = latencyBucketBounds.map((bound) => bound / 1000);

/**
 * The Prometheus series of `GET /metrics`, in a registry of their own (not prom-client's global
 * one, so that several gateways in one process, as in tests, do not share counts).
 */
/** The model label of a request no provider served and no route matched (refused, unknown model). */
export const notRouted = "(not routed)";

export function createGatewayMetrics(sources: {
  storeHealth?: () => StoreHealth;
  deploymentsInCooldown?: () => number;
}): GatewayMetrics {
  const registry = new Registry();
  const registers = [registry];
  const requests = new Counter({
    name: "switchboard_requests_total",
    help: "Requests by route, provider, model and HTTP status.",
    labelNames: ["route", "provider", "model", "status"] as const,
    registers,
  });
  const tokens = new Counter({
    name: "switchboard_tokens_total",
    help: "Tokens by provider, model and kind (input, output, cache_read, cache_write, reasoning).",
    labelNames: ["provider", "model", "kind"] as const,
    registers,
  });
  const duration = new Histogram({
    name: "switchboard_request_duration_seconds",
    help: "Whole request time, to the last byte.",
    labelNames: ["provider", "model"] as const,
    buckets: seconds,
    registers,
  });
  const firstByte = new Histogram({
    name: "switchboard_time_to_first_byte_seconds",
    help: "Time until the first byte of the answer went to the client.",
    labelNames: ["provider", "model"] as const,
    buckets: seconds,
    registers,
  });
  const upstreamErrors = new Counter({
    name: "switchboard_upstream_errors_total",
    help: "Failed attempts at an upstream, by provider and failure class.",
    labelNames: ["provider", "class"] as const,
    registers,
  });
  const fallbacks = new Counter({
    name: "switchboard_fallbacks_total",
    help: "Requests served by another deployment than the first tried.",
    labelNames: ["route"] as const,
    registers,
  });
  const retries = new Counter({
    name: "switchboard_retries_total",
    help: "Attempts repeated on a deployment already tried for the same request.",
    labelNames: ["route"] as const,
    registers,
  });
  const premium = new Counter({
    name: "switchboard_copilot_premium_requests_total",
    help: "Copilot premium requests spent (user-initiated) and saved (agent-initiated), by model.",
    labelNames: ["model", "kind"] as const,
    registers,
  });
  const queueWait = new Histogram({
    name: "switchboard_queue_wait_seconds",
    help: "Time a request waited in its provider's queue (Copilot pacing) before it was sent or refused.",
    labelNames: ["provider"] as const,
    buckets: seconds,
    registers,
  });
  const queueDepth = new Gauge({
    name: "switchboard_queue_depth",
    help: "Requests waiting ahead in the provider's queue when the last request arrived.",
    labelNames: ["provider"] as const,
    registers,
  });
  // Cumulative per provider and model: the Prometheus counters give rates, this the figure at a glance.
  const promptCacheTotals = new Map<string, { input: number; read: number }>();
  const promptCacheHitRatio = new Gauge({
    name: "switchboard_prompt_cache_hit_ratio",
    help: "Prompt-cache reads over input tokens since start, by provider and model.",
    labelNames: ["provider", "model"] as const,
    registers,
  });
  new Gauge({
    name: "switchboard_deployments_in_cooldown",
    help: "Deployments cooling down after failures.",
    registers,
    collect() {
      this.set(sources.deploymentsInCooldown?.() ?? 0);
    },
  });
  new Gauge({
    name: "switchboard_store_queue_depth",
    help: "Usage rows accepted and not yet written.",
    registers,
    collect() {
      this.set(sources.storeHealth?.().queueDepth ?? 0);
    },
  });
  let droppedSeen = 0;
  new Counter({
    name: "switchboard_store_dropped_rows_total",
    help: "Usage rows dropped because the store's queue was full.",
    registers,
    collect() {
      const dropped = sources.storeHealth?.().dropped ?? 0;
      if (dropped > droppedSeen) this.inc(dropped - droppedSeen);
      droppedSeen = dropped;
    },
  });
  new Gauge({
    name: "switchboard_store_up",
    help: "1 when the usage store is open and writable.",
    registers,
    collect() {
      this.set(sources.storeHealth?.().up === true ? 1 : 0);
    },
  });

  return {
    registry,
    observe(record) {
      const provider = record.provider ?? "none";
      // Only a provider's model or a configured route becomes a label: a refused or unrouted
      // request's model is whatever the caller typed, and each new name would be a new series.
      const model =
        record.provider !== undefined ? (record.upstreamModel ?? record.requestedModel) : (record.route ?? notRouted);
      const route = record.route ?? "";
      requests.inc({ route, provider, model, status: String(record.status) });
      const usage = record.usage;
      if (usage !== undefined) {
        tokens.inc({ provider, model, kind: "input" }, usage.inputTokens);
        tokens.inc({ provider, model, kind: "output" }, usage.outputTokens);
        if (usage.cacheReadTokens) tokens.inc({ provider, model, kind: "cache_read" }, usage.cacheReadTokens);
        if (usage.cacheWriteTokens) tokens.inc({ provider, model, kind: "cache_write" }, usage.cacheWriteTokens);
        if (usage.reasoningTokens) tokens.inc({ provider, model, kind: "reasoning" }, usage.reasoningTokens);
        const key = `${provider}\u0000${model}`;
        const totals = promptCacheTotals.get(key) ?? { input: 0, read: 0 };
        totals.input += usage.inputTokens;
        totals.read += usage.cacheReadTokens ?? 0;
        promptCacheTotals.set(key, totals);
        if (totals.input > 0) promptCacheHitRatio.set({ provider, model }, totals.read / totals.input);
      }
      if (record.queueWaitMs !== undefined) queueWait.observe({ provider }, record.queueWaitMs / 1000);
      if (record.queueDepth !== undefined) queueDepth.set({ provider }, record.queueDepth);
      duration.observe({ provider, model }, record.durationMs / 1000);
      if (record.firstByteMs !== undefined) firstByte.observe({ provider, model }, record.firstByteMs / 1000);
      const seen = new Set<string>();
      for (const attempt of record.attempts) {
        const target = `${attempt.provider}/${attempt.model}`;
        if (seen.has(target)) retries.inc({ route });
        seen.add(target);
        if (attempt.outcome !== "served") upstreamErrors.inc({ provider: attempt.provider, class: attempt.outcome });
      }
      const last = record.attempts[record.attempts.length - 1];
      const first = record.attempts[0];
      if (record.status < 400 && first !== undefined && last !== undefined) {
        if (first.provider !== last.provider || first.model !== last.model) fallbacks.inc({ route });
      }
      if (record.premiumSpent) premium.inc({ model, kind: "spent" }, record.premiumSpent);
      if (record.premiumSaved) premium.inc({ model, kind: "saved" }, record.premiumSaved);
    },
  };
}
