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
  maxRetries: 0,
} as const;
