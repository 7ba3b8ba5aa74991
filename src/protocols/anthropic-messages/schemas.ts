import { z } from "zod";
import { GatewayError } from "../../errors/gateway-error.js";
import { acceptsPlainly } from "./accepts-plainly.js";
import type { MessageCreateParams } from "./types.js";

/**
 * Validation of a client's `POST /v1/messages` body: only what translation relies on. Objects are
 * loose (unknown fields pass), block types we do not know pass with just a `type`, and the caller
 * keeps the original object — zod's output copy is thrown away.
 */

/** A JSON object, checked without walking or copying it (tool schemas and inputs can be large). */
const jsonObject = z.custom<Record<string, unknown>>(
  (value) => typeof value === "object" && value !== null && !Array.isArray(value),
  { message: "Expected an object." },
);

const sourceSchemas: Record<string, z.ZodType> = {
  base64: z.looseObject({ media_type: z.string(), data: z.string() }),
  url: z.looseObject({ url: z.string() }),
  file: z.looseObject({ file_id: z.string() }),
  text: z.looseObject({ data: z.string() }),
  content: z.looseObject({ content: z.union([z.string(), z.array(z.unknown())]) }),
};

const sourceSchema = (kinds: string[]) =>
  taggedUnion(Object.fromEntries(kinds.map((kind) => [kind, sourceSchemas[kind] ?? z.unknown()])), { closed: true });

const blockSchemas: Record<string, z.ZodType> = {
  text: z.looseObject({ text: z.string() }),
  image: z.looseObject({ source: sourceSchema(["base64", "url", "file"]) }),
  document: z.looseObject({ source: sourceSchema(["base64", "url", "text", "content", "file"]) }),
  thinking: z.looseObject({ thinking: z.string(), signature: z.string() }),
  redacted_thinking: z.looseObject({ data: z.string() }),
  tool_use: z.looseObject({ id: z.string(), name: z.string(), input: jsonObject }),
  tool_result: z.looseObject({
    tool_use_id: z.string(),
    content: z.union([z.string(), z.array(z.lazy(() => blockSchema))]).optional(),
    is_error: z.boolean().optional(),
  }),
};

const blockSchema: z.ZodType = taggedUnion(blockSchemas, { closed: false });

/**
 * Checks `type`, then the fields that type requires; with `closed: false` unknown types pass.
 * It reads the value in place, where a zod object would build a copy of every block.
 */
function taggedUnion(schemas: Record<string, z.ZodType>, options: { closed: boolean }): z.ZodType {
  return z.unknown().superRefine((value, context) => {
    if (typeof value !== "object" || value === null || Array.isArray(value)) {
      context.addIssue({ code: "custom", message: "Expected an object." });
      return;
    }
    const type = (value as { type?: unknown }).type;
    const schema = typeof type === "string" ? schemas[type] : undefined;
    if (schema !== undefined) forwardIssues(schema, value, context);
    else if (typeof type !== "string" || options.closed) {
      context.addIssue({
        code: "custom",
        path: ["type"],
        message: `Expected one of ${Object.keys(schemas).join(", ")}.`,
      });
    }
  });
}

function forwardIssues(schema: z.ZodType, value: unknown, context: z.RefinementCtx): void {
  const result = schema.safeParse(value);
  if (result.success) return;
  for (const issue of result.error.issues) {
    context.addIssue({ code: "custom", path: issue.path, message: issue.message });
  }
}

const contentSchema = z.union([z.string(), z.array(blockSchema)]);

const messageSchema = z.looseObject({
  role: z.enum(["user", "assistant", "system"]),
  content: contentSchema,
});

/** Built once: a schema built per call would be compiled again by zod on every request. */
const customToolSchema = z.looseObject({ input_schema: jsonObject });

const toolSchema = z.looseObject({ name: z.string() }).superRefine((tool, context) => {
  const type = (tool as { type?: unknown }).type;
  // Server tools (`web_search_20250305`, …) have a versioned `type` and no schema of ours to meet.
  if (type === undefined || type === "custom") forwardIssues(customToolSchema, tool, context);
});

export const requestSchema = z.looseObject({
  model: z.string().min(1),
  max_tokens: z.number().int().positive(),
  messages: z.array(messageSchema).min(1),
  system: z.union([z.string(), z.array(blockSchema)]).optional(),
  tools: z.array(toolSchema).optional(),
  tool_choice: z
    .looseObject({ type: z.enum(["auto", "any", "tool", "none"]), name: z.string().optional() })
    .refine((choice) => choice.type !== "tool" || choice.name !== undefined, {
      path: ["name"],
      message: "Required when tool_choice.type is tool.",
    })
    .optional(),
  thinking: z
    .looseObject({ type: z.enum(["enabled", "adaptive", "disabled"]), budget_tokens: z.number().int().optional() })
    .optional(),
  stop_sequences: z.array(z.string()).optional(),
  temperature: z.number().optional(),
  top_p: z.number().optional(),
  top_k: z.number().int().optional(),
  stream: z.boolean().optional(),
});

/** Returns the body itself, typed; throws `invalid_request` naming the first faulty field. */
export function parseMessageCreateParams(body: unknown): MessageCreateParams {
  if (acceptsPlainly(body)) return body as MessageCreateParams;
  const result = requestSchema.safeParse(body);
  if (result.success) return body as MessageCreateParams;
  const issue = result.error.issues[0];
  const param = issue === undefined ? "" : issue.path.map(String).join(".");
  const message = issue === undefined ? "Invalid request body." : `${param === "" ? "body" : param}: ${issue.message}`;
  throw new GatewayError("invalid_request", message, param === "" ? {} : { param });
}
