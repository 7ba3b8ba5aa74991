import { Gauge, type Registry } from "prom-client";
import type { CoordinationHealth } from "./fallback-limit-engine.js";

/** `switchboard_redis_up` and `switchboard_limit_fallback_decisions`, read when /metrics is scraped. */
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
  new Gauge({
    name: "switchboard_limit_fallback_decisions",
    help: "Limit decisions made per process because Redis was unreachable, since start.",
    registers: [registry],
    collect() {
      this.set(health()?.fallbackDecisions ?? 0);
    },
  });
}
