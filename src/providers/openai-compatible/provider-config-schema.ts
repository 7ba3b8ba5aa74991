import { z } from "zod";
import { wireApis, type WireApi } from "../../protocols/wire-api.js";

const httpUrl = z
  .string()
  .refine((value) => /^https?:\/\/[^\s/]+/i.test(value), { message: "must be an http:// or https:// URL" });

const wireApi = z.enum(wireApis as [WireApi, ...WireApi[]]);

/** One entry of a provider's `models:` list: a bare id, or an id with details. */
export const modelEntrySchema = z.union([
  z.string().min(1),
  z.strictObject({
    id: z.string().min(1),
    aliases: z.array(z.string().min(1)).optional(),
    apis: z.array(wireApi).min(1).optional(),
    display_name: z.string().optional(),
    context_window: z.number().int().positive().optional(),
    max_output_tokens: z.number().int().positive().optional(),
  }),
]);

export type ModelEntry = z.infer<typeof modelEntrySchema>;

/** The keys every HTTP-API provider shares (`openai`, `anthropic`, `openai-compatible`). */
export const commonProviderConfigSchema = z.strictObject({
  type: z.string().optional(),
  base_url: httpUrl.optional(),
  api_key: z.string().min(1).optional(),
  /** The environment variable holding the key, when it is not written in the config. */
  api_key_env: z.string().min(1).optional(),
  headers: z.record(z.string(), z.string()).optional(),
  models: z.array(modelEntrySchema).optional(),
  /** Extra names for models: `{ fast: "gpt-5-mini" }`. */
  aliases: z.record(z.string(), z.string().min(1)).optional(),
  timeouts: z
    .object({
      connect_ms: z.number().int().positive().optional(),
      first_byte_ms: z.number().int().positive().optional(),
      idle_ms: z.number().int().positive().optional(),
    })
    .optional(),
});

export const apisSchema = z.array(wireApi).min(1);

export type CommonProviderConfig = z.infer<typeof commonProviderConfigSchema>;
