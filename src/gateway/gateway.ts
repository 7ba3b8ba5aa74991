import type { Config } from "../config/schema.js";
import type { GatewayError } from "../errors/gateway-error.js";
import type { WireApi } from "../protocols/wire-api.js";
import { isoTime } from "../lib/iso-time.js";
import type { Logger } from "../lib/logger.js";
import type { Provider } from "../providers/provider.js";
import { PlanCache } from "../router/plan-cache.js";
import type { PolicyTable } from "../router/plan-route.js";
import { DeploymentHealth, type HealthOptions } from "../router/policy/deployment-health.js";
import type { RequestAccess } from "../limits/request-access.js";
import type { ResponseCache } from "../response-cache/response-cache.js";
import { detectClient } from "../store/detect-client.js";
import type { UsageSink } from "../store/usage-record.js";
import type { EmbeddingsInput } from "../embeddings/serve-embeddings.js";
import { countTokens } from "./count-tokens.js";
import type { GatewayInput, GatewayReply } from "./gateway-types.js";
import type { GatewayDependencies } from "./gateway-types.js";
import { handleEmbeddings } from "./handle-embeddings.js";
import { handleRequest } from "./handle-request.js";
import { listModels, type ListedModel, type ListFailureHandler } from "./list-models.js";
import { createWarnOnce } from "./reply/warn-once.js";

/** What the HTTP layer calls: one object holding the routing table, the sink and the logger. */
export interface Gateway {
  handle(input: GatewayInput): Promise<GatewayReply>;
  countTokens(input: GatewayInput): Promise<GatewayReply>;
  /** `POST /v1/embeddings`: routed with fallbacks, limited and recorded like a generation request. */
  embeddings(input: EmbeddingsInput): Promise<GatewayReply>;
  /** Every routable name; a provider that cannot list is logged, or handed to `onFailure` (start-up reports it itself). */
  listModels(onFailure?: ListFailureHandler): Promise<ListedModel[]>;
  /**
   * Records a request the HTTP layer refused before the gateway saw it (401, 413, malformed JSON),
   * with the client and session its headers name, so a session's refusals count with it.
   */
  recordRefusal(refusal: {
    requestId: string;
    clientApi: WireApi;
    startedAt: number;
    error: GatewayError;
    headers: Record<string, string | string[] | undefined>;
  }): void;
  /** The routing table new requests use (replaced by `reload`). */
  readonly table: PolicyTable;
  /**
   * The config the gateway started with: what it read once (the socket, the keys the HTTP layer
   * checks, the store, Redis) runs on these values until a restart, whatever a reload says.
   */
  readonly startConfig: Config;
  /** The deployment health shared by every request and kept across reloads. */
  readonly health: DeploymentHealth;
  /**
   * Swaps in a new config and providers for new requests at once. Requests already running finish
   * on the old providers, which are closed when the last of them is over; the returned promise
   * settles then.
   */
  reload(next: { config: Config; providers: Map<string, Provider> }): Promise<void>;
  /** Settles when every running request is over (its usage recorded), or after `timeoutMs`. */
  settled(timeoutMs: number): Promise<void>;
  close(): Promise<void>;
}

/** One config's providers and table, with the requests still running on them. */
interface Generation {
  table: PolicyTable;
  plans: PlanCache;
  providers: Map<string, Provider>;
  config: Config;
  running: number;
  drained: (() => void) | undefined;
}

function healthOptions(config: Config): HealthOptions {
  return {
    allowedFails: config.router.allowedFails,
    cooldownMs: config.router.cooldownS * 1000,
    latencySmoothing: 0.3,
  };
}

function generationOf(config: Config, providers: Map<string, Provider>): Generation {
  const table: PolicyTable = { aliases: config.models, providers, routes: config.routes, router: config.router };
  return {
    table,
    plans: new PlanCache(table),
    providers,
    config,
    running: 0,
    drained: undefined,
  };
}

export function createGateway(options: {
  config: Config;
  providers: Map<string, Provider>;
  usageSink: UsageSink;
  logger: Logger;
  /** Keys' model lists and limits, checked on every generation request. */
  access?: RequestAccess;
  /** The response cache, for routes and requests that opt in. */
  cache?: ResponseCache;
  /** Called once a reload has swapped in new providers (the quota poller follows them). */
  onReload?: () => void;
}): Gateway {
  const health = new DeploymentHealth(healthOptions(options.config));
  const warnOnce = createWarnOnce(options.logger);
  let current = generationOf(options.config, options.providers);

  /** Runs one request on the current generation, counting it until its last byte. */
  function run<Input>(
    operation: (input: Input, dependencies: GatewayDependencies, table: PolicyTable) => Promise<GatewayReply>,
    input: Input,
  ): Promise<GatewayReply> {
    const generation = current;
    generation.running += 1;
    let settled = false;
    const dependencies: GatewayDependencies = {
      plans: generation.plans,
      usageSink: options.usageSink,
      logger: options.logger,
      warnOnce,
      health,
      backoff: { baseMs: generation.config.router.backoffBaseMs, maxMs: 8_000 },
      keepBodies: generation.config.store.enabled && generation.config.store.bodies,
      params: {
        dropUnsupported: generation.config.router.dropParams,
        alwaysDrop: generation.config.router.additionalDropParams,
      },
      ...(options.access === undefined ? {} : { access: options.access }),
      ...(options.cache === undefined ? {} : { cache: options.cache }),
      onSettled: () => {
        if (settled) return;
        settled = true;
        generation.running -= 1;
        if (generation.running === 0) generation.drained?.();
      },
    };
    return operation(input, dependencies, generation.table);
  }

  /** An answer in one piece (a count, embeddings): over when its promise settles. */
  function runWhole<Input>(
    operation: (input: Input, dependencies: GatewayDependencies, table: PolicyTable) => Promise<GatewayReply>,
    input: Input,
  ): Promise<GatewayReply> {
    let settle: () => void = () => undefined;
    const answered = run((wholeInput: Input, dependencies, table) => {
      settle = () => dependencies.onSettled?.();
      return operation(wholeInput, dependencies, table);
    }, input);
    return answered.finally(() => settle());
  }

  return {
    get table() {
      return current.table;
    },
    startConfig: options.config,
    health,
    handle: (input) => run(handleRequest, input),
    countTokens: (input) => runWhole(countTokens, input),
    embeddings: (input) => runWhole(handleEmbeddings, input),
    listModels: (onFailure) => listModels(current.table, options.logger, onFailure),
    recordRefusal: ({ requestId, clientApi, startedAt, error, headers }) =>
      options.usageSink.record({
        ...detectClient(headers),
        requestId,
        startedAt: isoTime(startedAt),
        clientApi,
        requestedModel: "",
        stream: false,
        status: error.status,
        errorCode: error.code,
        durationMs: Date.now() - startedAt,
        attempts: [],
        warnings: [],
      }),
    async reload(next) {
      const previous = current;
      current = generationOf(next.config, next.providers);
      health.configure(healthOptions(next.config));
      health.retainProviders(next.providers.keys());
      options.access?.setMasterKeyLimits?.(next.config.teams?.masterKeyLimits);
      options.onReload?.();
      if (previous.running > 0) await new Promise<void>((resolve) => (previous.drained = resolve));
      // Providers the new config still uses under the same object (tests pass ready-made ones) stay open.
      const kept = new Set(next.providers.values());
      await Promise.allSettled(
        [...previous.providers.values()].filter((provider) => !kept.has(provider)).map((provider) => provider.close()),
      );
    },
    async settled(timeoutMs) {
      const generation = current;
      if (generation.running === 0) return;
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([
        new Promise<void>((resolve) => {
          const previous = generation.drained;
          generation.drained = () => {
            previous?.();
            resolve();
          };
        }),
        new Promise<void>((resolve) => (timer = setTimeout(resolve, timeoutMs))),
      ]);
      clearTimeout(timer);
    },
    async close() {
      await Promise.allSettled([...current.providers.values()].map((provider) => provider.close()));
    },
  };
}
