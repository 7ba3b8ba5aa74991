// fast-check generators of IR values inside what OpenAI Responses can carry without loss (tests only).
import fc from "fast-check";
import type { AssistantContentPart, TextPart, ToolResultPart, UserContentPart } from "../../../ir/content-part.js";
import type { Message } from "../../../ir/message.js";
import type { Request } from "../../../ir/request.js";
import type { StreamPart } from "../../../ir/stream-part.js";
import type { Tool } from "../../../ir/tool.js";

const word = fc.string({ minLength: 1, maxLength: 12, unit: fc.constantFrom(...'abcdefxyz_é→🙂 \n{}"') });
const identifier = fc.stringMatching(/^[a-z][a-z0-9_]{0,10}$/);
const text: fc.Arbitrary<TextPart> = word.map((value) => ({ type: "text", text: value }));

const userPart: fc.Arbitrary<UserContentPart> = fc.oneof(
  text,
  fc.record({
    type: fc.constant("image" as const),
    source: fc.oneof(
      fc.record({
        kind: fc.constant("url" as const),
        url: identifier.map((name) => `https://example.com/${name}.png`),
      }),
      fc.record({
        kind: fc.constant("base64" as const),
        mediaType: fc.constantFrom("image/png", "image/jpeg"),
        data: fc.base64String({ minLength: 4, maxLength: 16 }),
      }),
    ),
    detail: fc.constantFrom("auto", "low", "high"),
  }),
);

const toolCall: fc.Arbitrary<AssistantContentPart> = fc
  .record({
    id: identifier.map((value) => `call_${value}`),
    name: identifier,
    input: word,
    kind: fc.constantFrom("function" as const, "custom" as const),
    namespace: fc.option(identifier, { nil: undefined }),
  })
  .map(({ namespace, ...call }) =>
    namespace === undefined ? { type: "tool-call", ...call } : { type: "tool-call", ...call, namespace },
  );

const reasoning: fc.Arbitrary<AssistantContentPart> = fc.record({
  type: fc.constant("reasoning" as const),
  text: fc.string({ maxLength: 20 }),
  id: identifier.map((value) => `rs_${value}`),
  encryptedContent: fc.base64String({ minLength: 4, maxLength: 24 }),
});

const toolResult: fc.Arbitrary<ToolResultPart> = fc.record({
  type: fc.constant("tool-result" as const),
  callId: identifier.map((value) => `call_${value}`),
  content: fc.oneof(fc.string({ maxLength: 20 }), fc.array(text, { maxLength: 3 })),
  kind: fc.constantFrom("function" as const, "custom" as const),
});

/** Messages alternate so that no two assistant or tool turns touch (Responses items would merge them). */
const turn: fc.Arbitrary<Message[]> = fc
  .tuple(
    fc.array(userPart, { minLength: 1, maxLength: 3 }).map((content): Message => ({ role: "user", content })),
    fc
      .array(fc.oneof(text, toolCall, reasoning), { minLength: 1, maxLength: 4 })
      .map((content): Message => ({ role: "assistant", content })),
    fc.array(toolResult, { minLength: 1, maxLength: 2 }).map((content): Message => ({ role: "tool", content })),
    fc.option(
      fc.record({
        role: fc.constant("system" as const),
        content: fc.array(text, { minLength: 1, maxLength: 2 }),
        developer: fc.constant(true),
      }),
      { nil: undefined },
    ),
  )
  .map(([user, assistant, tool, system]) =>
    system === undefined ? [user, assistant, tool] : [user, assistant, tool, system],
  );

const tool: fc.Arbitrary<Tool> = fc.oneof(
  fc.record(
    {
      kind: fc.constant("function" as const),
      name: identifier,
      description: word,
      inputSchema: fc.constant({ type: "object", properties: {} }),
      strict: fc.boolean(),
    },
    { requiredKeys: ["kind", "name", "inputSchema", "strict"] },
  ),
  fc.record(
    {
      kind: fc.constant("custom" as const),
      name: identifier,
      format: fc.constant({ type: "grammar" as const, syntax: "lark", definition: "start: /.+/" }),
    },
    { requiredKeys: ["kind", "name"] },
  ),
);

export const supportedRequest: fc.Arbitrary<Request> = fc
  .record(
    {
      model: identifier,
      system: fc.array(text, { maxLength: 1 }),
      messages: fc.array(turn, { maxLength: 3 }).map((turns) => turns.flat()),
      tools: fc.uniqueArray(tool, {
        selector: (value) => (value.kind === "protocol" ? value.type : value.name),
        maxLength: 4,
      }),
      toolChoice: fc.constantFrom({ type: "auto" as const }, { type: "none" as const }, { type: "required" as const }),
      parallelToolCalls: fc.boolean(),
      maxOutputTokens: fc.integer({ min: 1, max: 100000 }),
      temperature: fc.double({ min: 0, max: 2, noNaN: true }),
      reasoning: fc.record({
        effort: fc.constantFrom("minimal" as const, "low" as const, "high" as const, "xhigh" as const),
        summary: fc.constantFrom("auto", "detailed"),
      }),
      responseFormat: fc.constantFrom(
        { type: "text" as const },
        { type: "json_schema" as const, name: "answer", schema: { type: "object" }, strict: true },
      ),
      verbosity: fc.constantFrom("low", "medium", "high"),
      stream: fc.boolean(),
      user: identifier,
    },
    { requiredKeys: ["model", "system", "messages", "tools", "stream"] },
  )
  .map((request) => request as Request);

/** One complete IR stream: start, non-interleaved blocks with non-empty deltas, finish. */
export const supportedStream: fc.Arbitrary<StreamPart[]> = fc
  .array(
    fc.tuple(fc.constantFrom("text", "reasoning", "function", "custom"), fc.array(word, { maxLength: 4 }), identifier),
    { maxLength: 5 },
  )
  .chain((blocks) =>
    fc.record({ inputTokens: fc.nat(100000), outputTokens: fc.nat(5000) }).map((usage) => {
      const parts: StreamPart[] = [
        { type: "response-start", id: "resp_generated", model: "gpt-5.5", created: 1764000000 },
      ];
      blocks.forEach(([kind, deltas, name], index) => {
        const id = `block-${index}`;
        if (kind === "text") parts.push({ type: "text-start", id });
        else if (kind === "reasoning") parts.push({ type: "reasoning-start", id, itemId: `rs_${index}` });
        else
          parts.push({
            type: "tool-input-start",
            id,
            callId: `call_${index}`,
            name,
            kind: kind === "custom" ? "custom" : "function",
          });
        for (const delta of deltas)
          parts.push({
            type: kind === "text" ? "text-delta" : kind === "reasoning" ? "reasoning-delta" : "tool-input-delta",
            id,
            delta,
          });
        if (kind === "text") parts.push({ type: "text-end", id });
        else if (kind === "reasoning")
          parts.push({ type: "reasoning-end", id, itemId: `rs_${index}`, encryptedContent: `enc${index}` });
        else parts.push({ type: "tool-input-end", id });
      });
      const hasTools = blocks.some(([kind]) => kind === "function" || kind === "custom");
      parts.push({ type: "finish", reason: { unified: hasTools ? "tool-calls" : "stop", raw: "completed" }, usage });
      return parts;
    }),
  );
