import { z } from "zod";
import { responseAcceptsPlainly } from "./accepts-plainly.js";

/**
 * What the gateway relies on in a Chat completion and a stream chunk, whether an upstream sent it
 * or our encoder wrote it. Loose: unknown fields (the servers' reasoning fields, logprobs) pass.
 */
const usage = z.looseObject({
  prompt_tokens: z.number(),
  completion_tokens: z.number(),
  total_tokens: z.number().optional(),
  prompt_tokens_details: z.looseObject({ cached_tokens: z.number().optional() }).nullish(),
  completion_tokens_details: z.looseObject({ reasoning_tokens: z.number().optional() }).nullish(),
});

const toolCall = z.looseObject({
  id: z.string(),
  type: z.enum(["function", "custom"]),
  function: z.looseObject({ name: z.string(), arguments: z.string() }).optional(),
});

export const chatResponseSchema = z.looseObject({
  // Some compatible servers leave out the id or the model.
  id: z.string().optional(),
  object: z.literal("chat.completion").optional(),
  created: z.number().optional(),
  model: z.string().optional(),
  choices: z
    .array(
      z.looseObject({
        index: z.number().optional(),
        message: z.looseObject({
          role: z.literal("assistant").optional(),
          content: z.string().nullish(),
          tool_calls: z.array(toolCall).nullish(),
        }),
        finish_reason: z.string().nullable().optional(),
      }),
    )
    .min(1),
  usage: usage.nullish(),
});

const toolCallDelta = z.looseObject({
  index: z.number().optional(),
  id: z.string().optional(),
  type: z.literal("function").optional(),
  function: z.looseObject({ name: z.string().optional(), arguments: z.string().optional() }).optional(),
});

export const chatChunkSchema = z.looseObject({
  id: z.string(),
  object: z.literal("chat.completion.chunk").optional(),
  created: z.number().optional(),
  model: z.string(),
  choices: z.array(
    z.looseObject({
      index: z.number(),
      delta: z.looseObject({
        role: z.literal("assistant").optional(),
        content: z.string().nullish(),
        tool_calls: z.array(toolCallDelta).nullish(),
      }),
      finish_reason: z.enum(["stop", "length", "tool_calls", "content_filter", "function_call"]).nullable(),
    }),
  ),
  usage: usage.nullish(),
});

/** A readable reason when a body does not fit, or undefined when it does. */
export function describeMismatch(schema: z.ZodType, value: unknown): string | undefined {
  const result = schema.safeParse(value);
  if (result.success) return undefined;
  const issue = result.error.issues[0];
  return issue === undefined ? "invalid" : `${issue.path.map(String).join(".") || "body"}: ${issue.message}`;
}

/** `describeMismatch` for a completion, with the plain check first: zod only for bodies it is unsure of. */
export function describeCompletionMismatch(value: unknown): string | undefined {
  return responseAcceptsPlainly(value) ? undefined : describeMismatch(chatResponseSchema, value);
}
