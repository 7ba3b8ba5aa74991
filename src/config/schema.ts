import { z } from "zod";

const timeoutsSchema = z.strictObject({
  connect_ms: z.number().int().positive().optional(),
  first_byte_ms: z.number().int().positive().optional(),
  idle_ms: z.number().int().positive().optional(),
});

const serverSchema = z.strictObject({
  host: z.string().min(1).optional(),
  port: z.number().int().min(0).max(65535).optional(),
  api_key: z.string().min(1).optional(),
  body_limit_mb: z.number().positive().optional(),
  /** Serve the Responses API's WebSocket mode (Codex's built-in provider); false answers the upgrade with 426. */
  responses_websocket: z.boolean().optional(),
  log_level: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).optional(),
  timeouts: timeoutsSchema.optional(),
});

/**
 * One upstream account/endpoint. The keys below are common to every type; anything else
 * (Copilot's `enterprise_url`, an OpenAI-compatible `preset`'s options, …) passes through to the
 * provider's factory, which validates it with its own schema.
 */
const providerSchema = z.looseObject({
  // Checked against the provider registry when providers are built (presets such as `ollama` register types too).
  type: z.string().min(1),
  base_url: z.url().optional(),
  api_key: z.string().optional(),
  headers: z.record(z.string(), z.string()).optional(),
  models: z.unknown().optional(),
  preset: z.string().optional(),
});

/** A route target: `provider/model`, or a bare model name any provider may know. */
const targetListSchema = z.union([z.string().min(1), z.array(z.string().min(1)).min(1)]);

const routingSchema = z.looseObject({
  max_retries: z.number().int().min(0).optional(),
});

/** The config file as written (after `${VAR}` expansion); every key optional. */
export const configFileSchema = z.strictObject({
  server: serverSchema.optional(),
  providers: z
    .record(z.string().regex(/^[A-Za-z0-9_.-]+$/, "a provider id of letters, digits, _ . -"), providerSchema)
    .optional(),
  models: z.record(z.string().min(1), targetListSchema).optional(),
  routing: routingSchema.optional(),
});

export type ConfigFile = z.infer<typeof configFileSchema>;
export type ProviderConfig = z.infer<typeof providerSchema>;

/** The resolved configuration every other module receives: defaults filled, flags and env applied. */
export interface Config {
  server: {
    host: string;
    port: number;
    apiKey?: string;
    bodyLimitMb: number;
    responsesWebsocket: boolean;
    logLevel: string;
    timeouts: { connectMs: number; firstByteMs: number; idleMs: number };
  };
  providers: Record<string, ProviderConfig>;
  /** Alias → ordered targets. */
  models: Record<string, string[]>;
  routing: { maxRetries: number } & Record<string, unknown>;
}
