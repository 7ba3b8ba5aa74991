import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { AssistantContentPart, TextPart, UserContentPart } from "../../ir/content-part.js";
import type { Message } from "../../ir/message.js";
import type { Request } from "../../ir/request.js";
import type { Response } from "../../ir/response.js";
import type { Tool } from "../../ir/tool.js";
import { decodeRequest } from "./decode-request.js";
import { decodeResponse } from "./decode-response.js";
import { encodeRequest } from "./encode-request.js";
import { encodeResponse } from "./encode-response.js";

/**
 * decode(encode(ir)) = ir on the subset Chat carries exactly. Left out on purpose: several text parts in
 * one assistant turn (Chat joins them), adjacent tool messages (Chat merges them), images in tool
 * results (moved to a user message), tool-result names (Chat fills them from the history), and the
 * `developer` role for models outside OpenAI's naming (sent as `system`; see encode-request.ts).
 */
const text = fc.string({ minLength: 1, maxLength: 12 });
const textPart = text.map((value): TextPart => ({ type: "text", text: value }));
const id = fc.stringMatching(/^call_[a-z0-9]{1,6}$/);
const base64 = fc.base64String({ minLength: 4, maxLength: 16 });

const userPart: fc.Arbitrary<UserContentPart> = fc.oneof(
  textPart,
  fc.record({
    type: fc.constant("image" as const),
    source: fc.record({
      kind: fc.constant("base64" as const),
      mediaType: fc.constantFrom("image/png", "image/jpeg"),
      data: base64,
    }),
    detail: fc.constantFrom("auto", "low", "high"),
  }),
  fc.record({
    type: fc.constant("image" as const),
    source: fc.record({ kind: fc.constant("url" as const), url: fc.webUrl() }),
  }),
  fc.record({
    type: fc.constant("file" as const),
    source: fc.record({
      kind: fc.constant("base64" as const),
      mediaType: fc.constant("application/pdf"),
      data: base64,
    }),
    filename: fc.constant("doc.pdf"),
  }),
);

/** Reasoning a Chat server produced: text in one of the non-standard fields, Copilot's opaque state beside `reasoning_text`. */
const reasoningPart = fc.oneof(
  fc.record({
    type: fc.constant("reasoning" as const),
    text,
    extensions: fc.record({
      "openai-chat": fc.record({ field: fc.constantFrom("reasoning_content", "reasoning", "reasoning_text") }),
    }),
  }),
  fc.record({
    type: fc.constant("reasoning" as const),
    text,
    encryptedContent: base64,
    extensions: fc.constant({ "openai-chat": { field: "reasoning_text" } }),
  }),
);
const toolCall = fc.record({
  type: fc.constant("tool-call" as const),
  id,
  name: fc.stringMatching(/^[a-z_]{1,8}$/),
  input: fc.json(),
  kind: fc.constant("function" as const),
});

const assistant = fc
  .tuple(
    fc.option(reasoningPart, { nil: undefined }),
    fc.option(textPart, { nil: undefined }),
    fc.array(toolCall, { maxLength: 3 }),
  )
  .map(([reasoning, answer, calls]): Message => {
    const content: AssistantContentPart[] = [];
    if (reasoning !== undefined) content.push(reasoning);
    if (answer !== undefined) content.push(answer);
    return { role: "assistant", content: [...content, ...calls] };
  });
const toolResult = fc.record({
  type: fc.constant("tool-result" as const),
  callId: id,
  content: fc.oneof(text, fc.array(textPart, { minLength: 2, maxLength: 3 })),
});
const conversationMessage: fc.Arbitrary<Message> = fc.oneof(
  fc.array(userPart, { maxLength: 4 }).map((content): Message => ({ role: "user", content })),
  assistant,
  fc.array(toolResult, { minLength: 1, maxLength: 3 }).map((content): Message => ({ role: "tool", content })),
  fc.record(
    {
      role: fc.constant("system" as const),
      content: fc.array(textPart, { minLength: 1, maxLength: 2 }),
      developer: fc.constant(true),
    },
    { requiredKeys: ["role", "content"] },
  ),
);
const messages = fc
  .array(conversationMessage, { minLength: 1, maxLength: 6 })
  .map((list) => [{ role: "user", content: [{ type: "text", text: "start" }] } as Message, ...list])
  .filter((list) => list.every((message, index) => !(message.role === "tool" && list[index - 1]?.role === "tool")));

const tool: fc.Arbitrary<Tool> = fc.record(
  {
    kind: fc.constant("function" as const),
    name: fc.stringMatching(/^[a-z_]{1,8}$/),
    description: text,
    inputSchema: fc.constant({ type: "object", properties: {} }),
    strict: fc.boolean(),
  },
  { requiredKeys: ["kind", "name", "inputSchema"] },
);

const request: fc.Arbitrary<Request> = fc
  .record(
    {
      model: fc.constantFrom("gpt-4.1", "o3", "gpt-oss-120b"),
      system: fc.array(
        fc.oneof(
          textPart,
          textPart.map((part) => ({ ...part, extensions: { "openai-chat": { role: "developer" } } })),
        ),
        { maxLength: 3 },
      ),
      messages,
      tools: fc.array(tool, { minLength: 1, maxLength: 3 }),
      toolChoice: fc.oneof(
        fc.constantFrom({ type: "auto" as const }, { type: "none" as const }, { type: "required" as const }),
        fc.record({ type: fc.constant("tool" as const), name: text }),
      ),
      parallelToolCalls: fc.boolean(),
      maxOutputTokens: fc.nat(),
      temperature: fc.double({ min: 0, max: 2, noNaN: true }),
      topP: fc.double({ min: 0, max: 1, noNaN: true }),
      stopSequences: fc.array(text, { minLength: 1, maxLength: 2 }),
      reasoning: fc
        .record({
          effort: fc.constantFrom(
            "none" as const,
            "minimal" as const,
            "low" as const,
            "medium" as const,
            "high" as const,
            "xhigh" as const,
          ),
        })
        // A Chat `reasoning_effort` is always an explicit choice: on unless it is `none`.
        .map((reasoning) => ({ ...reasoning, enabled: reasoning.effort !== "none" })),
      responseFormat: fc.oneof(
        fc.constant({ type: "json_object" as const }),
        fc.record({
          type: fc.constant("json_schema" as const),
          name: text,
          schema: fc.constant({ type: "object" }),
          strict: fc.boolean(),
        }),
      ),
      verbosity: fc.constantFrom("low", "medium", "high"),
      stream: fc.boolean(),
      user: text,
      extensions: fc.record({ "openai-chat": fc.record({ seed: fc.integer(), logprobs: fc.boolean() }) }),
    },
    { requiredKeys: ["model", "system", "messages", "tools", "stream"] },
  )
  .map((value) => (value.stream ? { ...value, includeUsage: true } : value));

describe("round trip through Chat", () => {
  it("decodeRequest(encodeRequest(ir)) equals ir", () => {
    fc.assert(
      fc.property(request, (ir) => {
        const { body } = encodeRequest(ir, { model: ir.model });
        const { request: decoded } = decodeRequest(JSON.parse(JSON.stringify(body)) as Record<string, unknown>);
        expect(withoutResultNames(decoded)).toEqual(ir);
      }),
    );
  });

  it("decodeResponse(encodeResponse(ir)) equals ir", () => {
    const response: fc.Arbitrary<Response> = fc
      .record({
        id: fc.stringMatching(/^chatcmpl-[a-z0-9]{4}$/),
        model: text,
        created: fc.nat(),
        assistant,
        finish: fc.constantFrom(
          { unified: "stop" as const, raw: "stop" },
          { unified: "length" as const, raw: "length" },
          { unified: "tool-calls" as const, raw: "tool_calls" },
          { unified: "content-filter" as const, raw: "content_filter" },
        ),
        usage: fc.record({
          inputTokens: fc.nat(),
          outputTokens: fc.nat(),
          cacheReadTokens: fc.nat(),
          reasoningTokens: fc.nat(),
        }),
      })
      .map(({ assistant: message, finish, ...rest }) => ({
        ...rest,
        content: message.content as AssistantContentPart[],
        finishReason: finish,
      }));
    fc.assert(
      fc.property(response, (ir) => {
        const decoded = decodeResponse(JSON.parse(JSON.stringify(encodeResponse(ir, { model: ir.model }))));
        expect(decoded).toEqual(ir);
      }),
    );
  });
});

function withoutResultNames(request: Request): Request {
  const messages = request.messages.map((message): Message => {
    if (message.role !== "tool") return message;
    return { ...message, content: message.content.map(({ name: _name, ...rest }) => rest) };
  });
  return { ...request, messages };
}
