import { z } from "zod";
import { GatewayError } from "../../errors/gateway-error.js";
import { acceptsPlainly } from "./accepts-plainly.js";
import type { ResponsesRequest } from "./types.js";

/*
 * Validation of client requests. Loose on purpose: it checks what translation relies on and lets
 * every other field through. The parsed object is never used; on success the caller gets the
 * body it passed in, so a 40 KB Codex request is not copied on the hot path.
 */

/** Copies a nested parse's issues into the outer check, keeping their paths. */
function forwardIssues(context: { issues: unknown[] }, result: z.ZodSafeParseResult<unknown>): void {
  if (!result.success) context.issues.push(...result.error.issues);
}

const text = z.looseObject({ type: z.literal("input_text"), text: z.string() });
const image = z.looseObject({ type: z.literal("input_image") });
const file = z.looseObject({ type: z.literal("input_file") });
const toolOutputParts = z.array(z.discriminatedUnion("type", [text, image, file]));
/** A string or a list of parts; a check, not a union, so that a part's issue keeps its path. */
const toolOutput = z.unknown().check((context) => {
  if (typeof context.value !== "string") forwardIssues(context, toolOutputParts.safeParse(context.value));
});

const messageContent = z.discriminatedUnion("type", [
  text,
  image,
  file,
  z.looseObject({ type: z.literal("output_text"), text: z.string() }),
  z.looseObject({ type: z.literal("refusal"), refusal: z.string() }),
]);

const messageContents = z.array(messageContent);
const message = z.looseObject({
  role: z.enum(["user", "assistant", "system", "developer"]),
  content: z.unknown().check((context) => {
    if (typeof context.value !== "string") forwardIssues(context, messageContents.safeParse(context.value));
  }),
});

const namedTool = z.looseObject({ type: z.enum(["function", "custom"]), name: z.string() });
/** Built once: a schema built per call would be compiled again by zod on every request. */
const namespaceTool = z.looseObject({ name: z.string(), tools: z.array(namedTool) });
const tool = z.looseObject({ type: z.string() }).check((context) => {
  const value = context.value;
  if (value.type === "function" || value.type === "custom") {
    const result = namedTool.safeParse(value);
    forwardIssues(context, result);
  }
  if (value.type === "namespace") {
    const result = namespaceTool.safeParse(value);
    forwardIssues(context, result);
  }
});

/** Required fields of the item types we translate. Other item types pass through as they are. */
const itemSchemas: Record<string, z.ZodType> = {
  message,
  function_call: z.looseObject({ call_id: z.string(), name: z.string(), arguments: z.string() }),
  function_call_output: z.looseObject({ call_id: z.string(), output: toolOutput }),
  custom_tool_call: z.looseObject({ call_id: z.string(), name: z.string(), input: z.string() }),
  custom_tool_call_output: z.looseObject({ call_id: z.string(), output: toolOutput }),
  reasoning: z.looseObject({ summary: z.array(z.looseObject({ text: z.string() })) }),
  additional_tools: z.looseObject({ tools: z.array(tool) }),
};

const item = z.looseObject({ type: z.string().optional(), role: z.string().optional() }).check((context) => {
  const value = context.value;
  const schema = value.type === undefined ? (value.role === undefined ? undefined : message) : itemSchemas[value.type];
  if (value.type === undefined && value.role === undefined) {
    context.issues.push({
      code: "custom",
      message: "an input item needs a `type` or a `role`",
      input: value,
      path: ["type"],
    });
    return;
  }
  if (schema === undefined) return;
  const result = schema.safeParse(value);
  forwardIssues(context, result);
});

const items = z.array(item);

/** A string or a list of items. Written as a check rather than a union so that an item's issue keeps its path. */
const input = z.unknown().check((context) => {
  // Refused like an empty `messages` on the other routes: the model would be asked about nothing,
  // and a 400 here costs the user no upstream call.
  if (context.value === "" || (Array.isArray(context.value) && context.value.length === 0)) {
    context.issues.push({ code: "custom", message: "must not be empty", input: context.value, path: [] });
    return;
  }
  if (typeof context.value === "string") return;
  const result = items.safeParse(context.value);
  forwardIssues(context, result);
});

const textFormat = z.looseObject({ type: z.string() }).check((context) => {
  if (context.value.type !== "json_schema") return;
  const result = jsonSchemaFormat.safeParse(context.value);
  forwardIssues(context, result);
});
const jsonSchemaFormat = z.looseObject({
  name: z.string(),
  schema: z.record(z.string(), z.unknown()),
  description: z.string().optional(),
  strict: z.boolean().nullish(),
});

export const requestSchema = z.looseObject({
  model: z.string(),
  input: input.optional(),
  instructions: z.string().nullish(),
  tools: z.array(tool).optional(),
  stream: z.boolean().nullish(),
  max_output_tokens: z.number().int().positive().nullish(),
  text: z.looseObject({ format: textFormat.nullish(), verbosity: z.string().nullish() }).nullish(),
});

/** Validates a Responses request body; throws `invalid_request` naming the field (`input.3.call_id`). */
export function parseRequestBody(body: unknown): ResponsesRequest {
  if (acceptsPlainly(body)) return body as ResponsesRequest;
  const result = requestSchema.safeParse(body);
  if (result.success) return body as ResponsesRequest;
  const issue = result.error.issues[0];
  const param = issue === undefined ? undefined : issue.path.map(String).join(".");
  const message = issue === undefined ? "Invalid request body." : describeIssue(issue, param);
  throw new GatewayError("invalid_request", message, param === undefined || param === "" ? {} : { param });
}

function describeIssue(issue: z.core.$ZodIssue, param: string | undefined): string {
  if (issue.code === "invalid_type" && issue.input === undefined) return `Missing required parameter: '${param}'.`;
  if (param === undefined || param === "") return `Invalid request body: ${issue.message}.`;
  return `Invalid value for '${param}': ${issue.message}.`;
}
