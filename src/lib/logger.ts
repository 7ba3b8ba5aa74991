import { pino, type Logger as PinoLogger } from "pino";

export type Logger = PinoLogger;

/** Paths pino removes from every log line: credentials never reach logs. */
export const redactedPaths = [
  "authorization",
  "*.authorization",
  "*.headers.authorization",
  "*.headers['x-api-key']",
  "headers.authorization",
  "headers['x-api-key']",
  "api_key",
  "*.api_key",
  "apiKey",
  "*.apiKey",
  "token",
  "*.token",
  "access_token",
  "*.access_token",
];

export function createLogger(options: { level?: string; destination?: NodeJS.WritableStream } = {}): Logger {
  const level = options.level ?? process.env["LOG_LEVEL"] ?? "info";
  return pino(
    { level, redact: { paths: redactedPaths, censor: "[redacted]" }, base: undefined },
    options.destination ?? process.stderr,
  );
}

/** A logger that writes nothing, for tests. */
export function createSilentLogger(): Logger {
  return pino({ level: "silent" });
}
