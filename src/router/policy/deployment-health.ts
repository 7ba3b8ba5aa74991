/**
 * Live state of each deployment (one model on one account, key or endpoint): requests in flight,
 * recent time to first token, and cooldown after repeated failures. A cooled-down deployment is
 * skipped until its cooldown ends; then a single probe request decides whether it returns.
 *
 * State is keyed by deployment and only kept for providers in the current config
 * (`retainProviders`) and up to a bound, so it cannot grow over days.
 */
export interface HealthOptions {
  /** Consecutive failures before a cooldown. */
  allowedFails: number;
  cooldownMs: number;
  /** Weight of the newest sample in the latency moving average. */
  latencySmoothing: number;
}

export const defaultHealthOptions: HealthOptions = { allowedFails: 3, cooldownMs: 30_000, latencySmoothing: 0.3 };

interface DeploymentState {
  inFlight: number;
  latencyMs: number | undefined;
  consecutiveFailures: number;
  cooldownUntil: number;
  probing: boolean;
  /** The last failure's message and when it happened (for the dashboard). */
  lastError: { message: string; at: number } | undefined;
}

export type Availability = "available" | "cooling" | "probe";

/**
 * A bound on remembered deployments: `provider/*` routes let clients name models, so keys are not
 * only those in the config. Past this, the oldest idle and healthy entries are forgotten.
 */
const maxStates = 10_000;

export class DeploymentHealth {
  private readonly states = new Map<string, DeploymentState>();
  /** Told when a deployment starts cooling down here (replicas share cooldowns through Redis). */
  onCooldown: ((key: string, until: number) => void) | undefined;

  constructor(
    private options: HealthOptions = defaultHealthOptions,
    private readonly now: () => number = Date.now,
  ) {}

  /** New settings after a config reload; the state already learned is kept. */
  configure(options: HealthOptions): void {
    this.options = options;
  }

  private state(key: string): DeploymentState {
    let state = this.states.get(key);
    if (state === undefined) {
      if (this.states.size >= maxStates) this.forgetIdle();
      state = {
        inFlight: 0,
        latencyMs: undefined,
        consecutiveFailures: 0,
        cooldownUntil: 0,
        probing: false,
        lastError: undefined,
      };
      this.states.set(key, state);
    }
    return state;
  }

  private forgetIdle(): void {
    for (const [key, state] of this.states) {
      if (this.states.size < maxStates * 0.9) return;
      if (state.inFlight === 0 && state.cooldownUntil === 0) this.states.delete(key);
    }
  }

  availability(key: string): Availability {
    const state = this.states.get(key);
    if (state === undefined || state.cooldownUntil === 0) return "available";
    if (this.now() < state.cooldownUntil) return "cooling";
    return state.probing ? "cooling" : "probe";
  }

  /** When the cooldown of `key` ends (0 when it is not cooling down). */
  cooldownEnds(key: string): number {
    return this.states.get(key)?.cooldownUntil ?? 0;
  }

  inFlight(key: string): number {
    return this.states.get(key)?.inFlight ?? 0;
  }

  lastError(key: string): { message: string; at: number } | undefined {
    return this.states.get(key)?.lastError;
  }

  latencyMs(key: string): number | undefined {
    return this.states.get(key)?.latencyMs;
  }

  /** A request starts on `key`. Returns whether it is the probe of a cooled-down deployment. */
  begin(key: string): boolean {
    const state = this.state(key);
    state.inFlight += 1;
    const probe = state.cooldownUntil !== 0 && this.now() >= state.cooldownUntil && !state.probing;
    if (probe) state.probing = true;
    return probe;
  }

  /** The upstream answered well; `firstByteMs` feeds the latency average. */
  succeed(key: string, firstByteMs?: number): void {
    const state = this.state(key);
    state.consecutiveFailures = 0;
    state.cooldownUntil = 0;
    state.probing = false;
    if (firstByteMs !== undefined) {
      state.latencyMs =
        state.latencyMs === undefined
          ? firstByteMs
          : state.latencyMs + this.options.latencySmoothing * (firstByteMs - state.latencyMs);
    }
  }

  /**
   * The upstream failed in a way that says something about its health. `exhausted` (a used-up
   * quota) cools it down at once: it will not recover within seconds, and every request that
   * tries it first pays for the refusal.
   */
  fail(key: string, retryAfterSeconds?: number, exhausted = false, message?: string): void {
    const state = this.state(key);
    if (message !== undefined) state.lastError = { message, at: this.now() };
    state.consecutiveFailures += 1;
    const wasProbe = state.probing;
    state.probing = false;
    const shouldCool = exhausted || wasProbe || state.consecutiveFailures >= this.options.allowedFails;
    if (shouldCool || retryAfterSeconds !== undefined) {
      const asked = retryAfterSeconds === undefined ? 0 : retryAfterSeconds * 1000;
      const cooldown = shouldCool ? Math.max(this.options.cooldownMs, asked) : asked;
      if (cooldown > 0) {
        state.cooldownUntil = this.now() + cooldown;
        this.onCooldown?.(key, state.cooldownUntil);
      }
    }
  }

  /** Another replica cooled `key` down until `until`: skip it here too (then probe, as after a cooldown of our own). */
  coolFromElsewhere(key: string, until: number): void {
    if (until <= this.now()) return;
    const state = this.state(key);
    if (until > state.cooldownUntil) state.cooldownUntil = until;
  }

  /**
   * The request on `key` is over (success or not): it no longer counts as in flight. When it was
   * the probe (`begin` returned true) and ended with no verdict (`succeed`/`fail`) — the client
   * left, or the request itself was refused — the next request may probe instead; otherwise the
   * deployment would stay "cooling" for good.
   */
  end(key: string, probe = false): void {
    const state = this.states.get(key);
    if (state === undefined) return;
    if (state.inFlight > 0) state.inFlight -= 1;
    if (probe) state.probing = false;
  }

  /** Forgets deployments whose provider (the part of the key before `/`) is no longer configured. */
  retainProviders(providerIds: Iterable<string>): void {
    const keep = new Set(providerIds);
    for (const [key, state] of this.states) {
      // A request still running on a removed provider ends on it; its count must not go negative later.
      if (!keep.has(key.slice(0, key.indexOf("/"))) && state.inFlight === 0) this.states.delete(key);
    }
  }

  /** How many deployments are cooling down now (`/metrics`). */
  coolingCount(): number {
    const now = this.now();
    let cooling = 0;
    for (const state of this.states.values()) if (state.cooldownUntil > now) cooling += 1;
    return cooling;
  }

  get size(): number {
    return this.states.size;
  }
}
