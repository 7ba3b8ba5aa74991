import { GatewayError, toGatewayError } from "../../errors/gateway-error.js";
import { backoffDelayMs, sleep, type BackoffOptions } from "./backoff.js";
import type { DeploymentHealth } from "./deployment-health.js";
import { classifyError, isRetryableOnSameTarget } from "./error-class.js";
import { orderDeployments, type Deployment } from "./order-deployments.js";
import type { RoutePlan, TargetGroup } from "./route-policy.js";

export interface AttemptRecord {
  provider: string;
  model: string;
  /** `ok`, or the error code of the failure. */
  outcome: string;
  status?: number;
}

export interface PolicyResult<T> {
  value: T;
  deployment: Deployment;
  attempts: AttemptRecord[];
  /** Call when the response is over (stream ended): the deployment no longer counts as in flight. */
  release: () => void;
}

/** The final failure, with every attempt made; the gateway renders it with `x-should-retry: false`. */
export class RoutingFailure extends Error {
  constructor(
    readonly error: GatewayError,
    readonly attempts: AttemptRecord[],
  ) {
    super(error.message);
    this.name = "RoutingFailure";
  }
}

export interface RunWithPolicyOptions<T> {
  plan: RoutePlan;
  health: DeploymentHealth;
  /** One attempt on one deployment; resolves once the answer is committed (headers and first chunk in). */
  attempt: (deployment: Deployment, signal: AbortSignal) => Promise<T>;
  signal: AbortSignal;
  /**
   * Aborts `signal`. Given when the signal belongs to this request alone (one HTTP request): the
   * deadline then aborts it directly, instead of through a signal derived for every attempt (an
   * AbortController and a listener, measured at 7–15 % of a small request's CPU). A WebSocket's
   * signal serves many requests: without `abort`, each attempt gets a derived signal.
   */
  abort?: (reason: GatewayError) => void;
  backoff?: BackoffOptions;
  now?: () => number;
  random?: () => number;
}

/**
 * Walks a route's fallback chain: each group's deployments in the strategy's order, retrying a
 * deployment with backoff for retryable failures, moving on for the classes the route allows,
 * all within the route's deadline. Cooled-down deployments are tried only when nothing else is left.
 */
export async function runWithPolicy<T>(options: RunWithPolicyOptions<T>): Promise<PolicyResult<T>> {
  // Closures below must not capture `options`: `release` outlives the attempt, and through it
  // `options.attempt` would keep the request body alive until a stream's end.
  const { plan, health, signal, abort, random } = options;
  const now = options.now ?? Date.now;
  const deadline = now() + plan.policy.deadlineMs;
  const attempts: AttemptRecord[] = [];
  let lastError: GatewayError | undefined;
  let failedContextWindow: number | undefined;

  const queueOf = (groups: TargetGroup[]): Deployment[] => {
    if (groups.length === 1) {
      // One group (most routes): its cooling deployments are already soonest-first.
      const group = groups[0] as TargetGroup;
      const ordered = orderDeployments({ deployments: group.deployments, strategy: group.strategy, health, random });
      return ordered.cooling.length === 0 ? ordered.preferred : [...ordered.preferred, ...ordered.cooling];
    }
    const preferred: Deployment[] = [];
    const cooling: Deployment[] = [];
    for (const group of groups) {
      const ordered = orderDeployments({
        deployments: group.deployments,
        strategy: group.strategy,
        health,
        random,
      });
      preferred.push(...ordered.preferred);
      cooling.push(...ordered.cooling);
    }
    return [
      ...preferred,
      ...cooling.sort((left, right) => health.cooldownEnds(left.key) - health.cooldownEnds(right.key)),
    ];
  };
  let queue = queueOf(plan.groups);
  // Made only when an error class switches chains (rare): not on every request.
  let switchedTo: Set<string> | undefined;

  for (let position = 0; position < queue.length; position += 1) {
    const deployment = queue[position] as Deployment;
    if (
      failedContextWindow !== undefined &&
      deployment.contextWindow !== undefined &&
      deployment.contextWindow <= failedContextWindow
    ) {
      continue; // A window no larger than the one that overflowed cannot help.
    }
    for (let retry = 0; ; retry += 1) {
      if (signal.aborted) throw new RoutingFailure(toGatewayError(signal.reason), attempts);
      if (now() >= deadline) {
        const timeout = new GatewayError("upstream_timeout", "The route's deadline passed before any target answered.");
        throw new RoutingFailure(lastError ?? timeout, attempts);
      }
      const probe = health.begin(deployment.key);
      const started = now();
      const attemptSignal = new AttemptDeadline(signal, deadline - now(), abort);
      try {
        const value = await options.attempt(deployment, attemptSignal.signal);
        attemptSignal.commit();
        health.succeed(deployment.key, now() - started);
        attempts.push({ provider: deployment.provider, model: deployment.model, outcome: "ok" });
        let released = false;
        return {
          value,
          deployment,
          attempts,
          release: () => {
            if (released) return;
            released = true;
            // The client's signal may outlive this request (one WebSocket serves many): let go of it.
            attemptSignal.dispose();
            health.end(deployment.key, probe);
          },
        };
      } catch (thrown) {
        attemptSignal.dispose();
        const error = attemptSignal.expired
          ? new GatewayError(
              "upstream_timeout",
              `The route's deadline passed while ${deployment.key} had not answered.`,
              {
                upstream: { provider: deployment.provider },
              },
            )
          : toGatewayError(thrown);
        const record: AttemptRecord = { provider: deployment.provider, model: deployment.model, outcome: error.code };
        if (error.upstream?.status !== undefined) record.status = error.upstream.status;
        attempts.push(record);
        lastError = error;
        const stopped = signal.aborted || error.code === "client_closed" || attemptSignal.expired;
        const errorClass = stopped ? undefined : classifyError(error);
        if (errorClass !== undefined && errorClass !== "context_window" && errorClass !== "content_policy")
          health.fail(deployment.key, error.upstream?.retryAfter, error.code === "quota_exceeded", error.message);
        // After the verdict, so that `fail` still sees whether this attempt was the probe.
        health.end(deployment.key, probe);
        if (errorClass === undefined) throw new RoutingFailure(error, attempts);
        if (errorClass === "context_window") failedContextWindow = deployment.contextWindow ?? failedContextWindow;
        const retryAfterMs = (error.upstream?.retryAfter ?? 0) * 1000;
        const canRetry =
          retry < plan.policy.retries &&
          isRetryableOnSameTarget(error, errorClass) &&
          retryAfterMs <= plan.policy.maxRetryWaitMs;
        if (canRetry) {
          const wait = backoffDelayMs({
            retry,
            retryAfterSeconds: error.upstream?.retryAfter,
            backoff: options.backoff,
            random: options.random,
          });
          if (now() + wait < deadline) {
            await sleep(wait, signal).catch(() => undefined);
            continue;
          }
        }
        const classChain = plan.classFallbacks?.[errorClass];
        if (classChain !== undefined && switchedTo?.has(errorClass) !== true) {
          // This class has its own chain: it replaces what was left of the main one.
          (switchedTo ??= new Set()).add(errorClass);
          queue = [...queue.slice(0, position + 1), ...queueOf(classChain)];
          break;
        }
        if (!plan.policy.fallbackOn.has(errorClass)) throw new RoutingFailure(error, attempts);
        break;
      }
    }
  }
  throw new RoutingFailure(
    lastError ?? new GatewayError("upstream_unavailable", "No target is available for this model."),
    attempts,
  );
}

/**
 * The signal one attempt runs under: the client's, plus the route's deadline until the answer is
 * committed. After `commit` only the client's going away aborts it, so a long stream is never cut
 * by the deadline (which bounds how long a request may take to *start* answering). With `abort`
 * (the client's signal is this request's own) the deadline aborts the client's signal itself.
 * A class rather than an object literal with a getter: one is made for every request.
 */
class AttemptDeadline {
  expired = false;
  readonly signal: AbortSignal;
  readonly #timer: NodeJS.Timeout;
  readonly #client: AbortSignal;
  readonly #onClientAbort: (() => void) | undefined;

  constructor(client: AbortSignal, remainingMs: number, abort: ((reason: GatewayError) => void) | undefined) {
    this.#client = client;
    if (abort !== undefined) {
      this.signal = client;
      this.#onClientAbort = undefined;
      this.#timer = setTimeout(
        () => {
          this.expired = true;
          abort(AttemptDeadline.#passed());
        },
        Math.max(0, remainingMs),
      );
      return;
    }
    const controller = new AbortController();
    this.signal = controller.signal;
    this.#onClientAbort = () => controller.abort(client.reason);
    client.addEventListener("abort", this.#onClientAbort, { once: true });
    this.#timer = setTimeout(
      () => {
        this.expired = true;
        controller.abort(AttemptDeadline.#passed());
      },
      Math.max(0, remainingMs),
    );
  }

  static #passed(): GatewayError {
    return new GatewayError("upstream_timeout", "The route's deadline passed.");
  }

  /** The answer is committed: the deadline no longer applies. */
  commit(): void {
    clearTimeout(this.#timer);
  }

  /** The attempt is over: let go of the client's signal too. */
  dispose(): void {
    clearTimeout(this.#timer);
    if (this.#onClientAbort !== undefined) this.#client.removeEventListener("abort", this.#onClientAbort);
  }
}
