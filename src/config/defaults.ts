/** Values used when neither flags, environment nor the config file say otherwise. */
export const defaults = {
  host: "127.0.0.1",
  port: 4000,
  bodyLimitMb: 50,
  logLevel: "info",
  connectMs: 10_000,
  // Reasoning models may think for minutes before their first byte.
  firstByteMs: 600_000,
  idleMs: 300_000,
  /** Retries of one deployment for a transient failure before the chain moves on; 0 leaves a lone target's retries to the client's SDK. */
  routeRetries: 0,
  /** The whole request, every attempt and wait included, must have started answering within this. */
  routeDeadlineS: 600,
  /** Failure classes that move a request along its chain; `content_policy` only when a route asks for it. */
  fallbackOn: ["rate_limit", "server_error", "timeout", "context_window", "upstream_auth"],
  allowedFails: 3,
  cooldownS: 30,
  maxRetryWaitS: 10,
  backoffBaseMs: 250,
} as const;
