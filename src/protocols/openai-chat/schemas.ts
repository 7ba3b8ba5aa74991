import { z } from "zod";
import { GatewayError } from "../../errors/gateway-error.js";
import { requestAcceptsPlainly } from "./accepts-plainly.js";
import type { ChatRequest } from "./types.js";

/**
 * Validation of a client's Chat Completions request: only what translation relies on. Objects are
 * loose (unknown fields pass), and the caller keeps the original object: the parsed copy is thrown away.
 */
const textPart = z.looseObject({ type: z.literal("text"), text: z.string() });
const imagePart = z.looseObject({
  type: z.literal("image_url"),
  image_url: z.looseObject({ url: z.string(), detail: z.enum(["auto", "low", "high"]).optional() }),
});
const audioPart = z.looseObject({
  type: z.literal("input_audio"),
  input_audio: z.looseObject({ data: z.string(), format: z.string() }),
});
const filePart = z.looseObject({
  type: z.literal("file"),
  file: z.looseObject({
    file_data: z.string().optional(),
    file_id: z.string().optional(),
    filename: z.string().optional(),
  }),
});
const refusalPart = z.looseObject({ type: z.literal("refusal"), refusal: z.string() });

const textContent = z.union([z.string(), z.array(textPart)]);
const userContent = z.union([
  z.string(),
  z.array(z.discriminatedUnion("type", [textPart, imagePart, audioPart, filePart])),
]);
const assistantContent = z.union([
  z.string(),
  z.array(z.discriminatedUnion("type", [textPart, refusalPart])),
  z.null(),
]);

const toolCall = z.discriminatedUnion("type", [
  z.looseObject({
    id: z.string(),
    type: z.literal("function"),
    function: z.looseObject({ name: z.string(), arguments: z.string() }),
  }),
  z.looseObject({
    id: z.string(),
    type: z.literal("custom"),
    custom: z.looseObject({ name: z.string(), input: z.string() }),
  }),
]);

const message = z.discriminatedUnion("role", [
  z.looseObject({ role: z.literal("system"), content: textContent }),
  z.looseObject({ role: z.literal("developer"), content: textContent }),
  z.looseObject({ role: z.literal("user"), content: userContent }),
  z.looseObject({
    role: z.literal("assistant"),
    content: assistantContent.optional(),
    tool_calls: z.array(toolCall).optional(),
    function_call: z.looseObject({ name: z.string(), arguments: z.string() }).nullish(),
  }),
  z.looseObject({ role: z.literal("tool"), content: textContent, tool_call_id: z.string() }),
  z.looseObject({ role: z.literal("function"), content: z.string().nullable(), name: z.string() }),
]);

const tool = z.discriminatedUnion("type", [
  z.looseObject({ type: z.literal("function"), function: z.looseObject({ name: z.string() }) }),
  z.looseObject({ type: z.literal("custom"), custom: z.looseObject({ name: z.string() }) }),
]);

const named = z.looseObject({ name: z.string() });

/** `"auto"`-style strings, or an object naming a tool, or the allowed-tools subset. */
const toolChoice = z.union([
  z.string(),
  z.discriminatedUnion("type", [
    z.looseObject({ type: z.literal("function"), function: named }),
    z.looseObject({ type: z.literal("custom"), custom: named }),
    z.looseObject({
      type: z.literal("allowed_tools"),
      allowed_tools: z.looseObject({ mode: z.enum(["auto", "required"]), tools: z.array(z.unknown()) }),
    }),
  ]),
]);

const responseFormat = z.discriminatedUnion("type", [
  z.looseObject({ type: z.literal("text") }),
  z.looseObject({ type: z.literal("json_object") }),
  z.looseObject({
    type: z.literal("json_schema"),
    json_schema: z.looseObject({
      name: z.string(),
      description: z.string().optional(),
      schema: z.record(z.string(), z.unknown()).optional(),
      strict: z.boolean().nullish(),
    }),
  }),
]);

/** Every field the translator reads, with its type; `null` stands for "not given" where OpenAI allows it. */
export const chatRequestSchema = z.looseObject({
  model: z.string(),
  messages: z.array(message).min(1),
  tools: z.array(tool).optional(),
  tool_choice: toolChoice.nullish(),
  functions: z.array(named).nullish(),
  function_call: z.union([z.string(), named]).nullish(),
  response_format: responseFormat.nullish(),
  stream_options: z.looseObject({}).nullish(),
  stream: z.boolean().nullable().optional(),
});

/** Checks a parsed request body; returns the same object, typed, or throws `invalid_request` naming the field. */
export function parseChatRequest(body: unknown): ChatRequest {
  if (requestAcceptsPlainly(body)) return body as ChatRequest;
  const result = chatRequestSchema.safeParse(body);
  if (result.success) return body as ChatRequest;
  const issue = result.error.issues[0];
  const param = issue === undefined ? undefined : issue.path.map(String).join(".");
  const message = issue === undefined ? "Invalid request." : `Invalid value for '${param || "body"}': ${issue.message}`;
  throw new GatewayError("invalid_request", message, param ? { param } : {});
}
