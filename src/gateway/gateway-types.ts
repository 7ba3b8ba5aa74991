import type { GatewayError } from "../errors/gateway-error.js";
import type { ChunkPipe } from "./stream/chunk-pipe.js";
import type { Principal } from "../keys/key-authenticator.js";
import type { RequestAccess } from "../limits/request-access.js";
import type { ResponseCache } from "../response-cache/response-cache.js";
import type { WireApi } from "../protocols/wire-api.js";
import type { Logger } from "../lib/logger.js";
import type { PlanCache } from "../router/plan-cache.js";
import type { BackoffOptions } from "../router/policy/backoff.js";
import type { DeploymentHealth } from "../router/policy/deployment-health.js";
import type { UsageRecord, UsageSink } from "../store/usage-record.js";
import type { ParamPolicy } from "./turn/param-policy.js";

/** One client request as the server hands it over: no HTTP framework types. */
export interface GatewayInput {
  clientApi: WireApi;
  /**
   * The body parsed once by the server. `handle` takes it over and leaves `undefined` here
   * (`RequestBody.take`), so that nothing else keeps the parse tree while the request runs.
   */
  body: unknown;
  /** The body's original bytes (the same JSON as `body`), forwarded as they are on passthrough. */
  rawBody: Buffer;
  /** The raw query string including `?` (Claude Code's `?beta=true`), or empty. */
  query: string;
  headers: Record<string, string | string[] | undefined>;
  /** Aborted when the client goes away. */
  signal: AbortSignal;
  /**
   * Aborts `signal`, when that signal is this request's own (an HTTP request's; a WebSocket's
   * serves many requests and has none): the route's deadline then aborts it directly.
   */
  abort?: (reason: unknown) => void;
  requestId: string;
  /** Who the server authenticated (src/keys); absent when no key is checked. */
  principal?: Principal;
  /** Called by a provider whose queue holds a streamed request (Copilot pacing): the server keeps the client's connection alive. */
  onQueueWait?: () => void;
}

export type ReplyBody =
  | { kind: "json"; value: unknown }
  | { kind: "bytes"; data: Buffer }
  /**
   * Already-framed chunks, pushed by their producer as the upstream sends them and written to the
   * client as they come (`pipeChunks` reads them as an async iterable). Failures are written in-band.
   */
  | { kind: "stream"; pipe: ChunkPipe };

export interface GatewayReply {
  status: number;
  headers: Record<string, string>;
  body: ReplyBody;
  /** The failure a JSON error reply renders (for writing it in-stream once a stream has begun). */
  error?: GatewayError;
}

/** What the request path needs from the running gateway (built once, kept across reloads). */
export interface GatewayDependencies {
  /** The routing table's plans, reused for a few seconds. */
  plans: PlanCache;
  usageSink: UsageSink;
  logger: Logger;
  /** One per running gateway, kept across reloads. */
  health: DeploymentHealth;
  backoff: BackoffOptions;
  params: ParamPolicy;
  /** Logs a request's dropped features (once per route and feature set at warn level). */
  warnOnce?: (record: UsageRecord) => void;
  /** Keep the request and response bodies in the usage record (`store.bodies: true`). */
  keepBodies?: boolean;
  /** Keys' model lists and limits (src/limits); absent: no checks. */
  access?: RequestAccess;
  /** The response cache (src/response-cache); absent: nothing is cached. */
  cache?: ResponseCache;
  /** Called when the request is over (its last byte sent), served or not: reloads wait for it. */
  onSettled?: () => void;
}
