import { Counter, Gauge, type Registry } from "prom-client";
import type { CoordinationHealth } from "./fallback-limit-engine.js";

/** `switchboard_redis_up` and `switchboard_limit_fallback_decisions_total`, read when /metrics is scraped. */
export function registerCoordinationMetrics(registry: Registry, health: () => CoordinationHealth | undefined): void {
  new Gauge({
    name: "switchboard_redis_up",
    help: "1 while the coordination Redis answers (limits global), 0 while limits are per process.",
    registers: [registry],
    collect() {
      const state = health();
      if (state?.redisUp !== undefined) this.set(state.redisUp ? 1 : 0);
    },
  });
  // A counter (rates, increase() in PromQL), fed from the engine's running total when scraped.
  let counted = 0;
  new Counter({
    name: "switchboard_limit_fallback_decisions_total",
    help: "Limit decisions made per process because Redis was unreachable.",
    registers: [registry],
    collect() {
      const total = health()?.fallbackDecisions ?? 0;
      if (total > counted) this.inc(total - counted);
      counted = total;
    },
  });
}
