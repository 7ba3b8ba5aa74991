import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type {
  AssistantContentPart,
  TextPart,
  ToolCallPart,
  ToolResultPart,
  UserContentPart,
} from "../../ir/content-part.js";
import type { Message } from "../../ir/message.js";
import type { Request } from "../../ir/request.js";
import type { Tool } from "../../ir/tool.js";
import { decodeRequest } from "./decode-request.js";
import { encodeRequest } from "./encode-request.js";

/**
 * decode(encode(ir)) = ir on the subset Anthropic carries: no consecutive user turns (they merge),
 * signed reasoning only, function tools without namespaces, tool results answering earlier calls.
 */
const text = fc.string({ minLength: 1 });
const cacheControl = fc.option(fc.constant({ "anthropic-messages": { cache_control: { type: "ephemeral" } } }), {
  nil: undefined,
});
const textPart = fc.record(
  { type: fc.constant("text" as const), text, extensions: cacheControl },
  { requiredKeys: ["type", "text"] },
) as fc.Arbitrary<TextPart>;
const mediaType = fc.constantFrom("image/png", "image/jpeg");
const imagePart: fc.Arbitrary<UserContentPart> = fc.record({
  type: fc.constant("image" as const),
  source: fc.oneof(
    fc.record({ kind: fc.constant("base64" as const), mediaType, data: fc.base64String() }),
    fc.record({ kind: fc.constant("url" as const), url: fc.webUrl() }),
  ),
});
const filePart: fc.Arbitrary<UserContentPart> = fc.record(
  {
    type: fc.constant("file" as const),
    source: fc.oneof(
      fc.record({
        kind: fc.constant("base64" as const),
        mediaType: fc.constant("application/pdf"),
        data: fc.base64String(),
      }),
      fc.record({ kind: fc.constant("text" as const), text: fc.string() }),
    ),
    filename: fc.string(),
  },
  { requiredKeys: ["type", "source"] },
);
const userMessage = fc.record({
  role: fc.constant("user" as const),
  content: fc.array(fc.oneof(textPart, imagePart, filePart), { minLength: 1, maxLength: 3 }),
});
const jsonObject = fc.dictionary(fc.string(), fc.oneof(fc.string(), fc.integer(), fc.boolean()), { maxKeys: 3 });
const reasoningPart: fc.Arbitrary<AssistantContentPart> = fc.oneof(
  fc.record({ type: fc.constant("reasoning" as const), text: fc.string(), signature: text }),
  fc.record({ type: fc.constant("reasoning" as const), text: fc.constant(""), redactedData: text }),
);
const toolCall = fc.record({
  type: fc.constant("tool-call" as const),
  id: fc.uuid().map((id) => `toolu_${id}`),
  name: fc.stringMatching(/^[a-zA-Z_][a-zA-Z0-9_]{0,20}$/),
  input: jsonObject.map((input) => JSON.stringify(input)),
  kind: fc.constant("function" as const),
});

const resultContent = fc.oneof(
  fc.string(),
  fc.array(fc.oneof(textPart, imagePart as fc.Arbitrary<TextPart>), { maxLength: 2 }),
);
const turn = fc.record({
  assistant: fc.array(fc.oneof(reasoningPart, textPart, toolCall), { minLength: 1, maxLength: 4 }),
  results: fc.array(fc.record({ content: resultContent, isError: fc.option(fc.constant(true), { nil: undefined }) }), {
    maxLength: 3,
  }),
  user: fc.option(userMessage, { nil: undefined }),
  system: fc.option(fc.array(textPart, { minLength: 1, maxLength: 2 }), { nil: undefined }),
});

type Turn = typeof turn extends fc.Arbitrary<infer T> ? T : never;

function conversation(first: Message, turns: Turn[], withSystem: boolean): Message[] {
  const messages: Message[] = [first];
  for (const { assistant, results, user, system } of turns) {
    messages.push({ role: "assistant", content: assistant });
    const calls = assistant.filter((part): part is ToolCallPart => part.type === "tool-call");
    const answered: ToolResultPart[] = calls.slice(0, results.length).map((call, index) => {
      const result: ToolResultPart = {
        type: "tool-result",
        callId: call.id,
        name: call.name,
        content: results[index]?.content ?? "",
        kind: "function",
      };
      if (results[index]?.isError === true) result.isError = true;
      return result;
    });
    if (answered.length > 0) messages.push({ role: "tool", content: answered });
    if (user !== undefined) messages.push(user);
    // Opus 4.8 takes a system message right after a user turn; it then round-trips as one.
    if (withSystem && user !== undefined && system !== undefined) messages.push({ role: "system", content: system });
  }
  return messages;
}

const tool: fc.Arbitrary<Tool> = fc.oneof(
  fc.record(
    {
      kind: fc.constant("function" as const),
      name: text,
      description: fc.string(),
      inputSchema: fc.constant({ type: "object" }),
      strict: fc.boolean(),
      extensions: cacheControl,
    },
    { requiredKeys: ["kind", "name", "inputSchema"] },
  ),
  fc.record({
    kind: fc.constant("protocol" as const),
    protocol: fc.constant("anthropic-messages" as const),
    type: fc.constant("web_search_20250305"),
    raw: fc.constant({ type: "web_search_20250305", name: "web_search" }),
  }),
);

const effort = fc.constantFrom("low" as const, "medium" as const, "high" as const, "xhigh" as const, "max" as const);
const request: fc.Arbitrary<Request> = fc
  .record(
    {
      system: fc.array(textPart, { maxLength: 2 }),
      first: userMessage,
      turns: fc.array(turn, { maxLength: 3 }),
      tools: fc.array(tool, { maxLength: 3 }),
      choice: fc.option(
        fc.oneof(
          fc.record({
            toolChoice: fc.constantFrom(
              { type: "auto" as const },
              { type: "required" as const },
              { type: "tool" as const, name: "Read" },
            ),
            parallelToolCalls: fc.constantFrom(false, undefined),
          }),
          fc.constant({ toolChoice: { type: "none" as const }, parallelToolCalls: undefined }),
        ),
        { nil: undefined },
      ),
      reasoning: fc.oneof(
        fc.record({ enabled: fc.constant(false), effort }, { requiredKeys: ["enabled"] }),
        fc.record({ enabled: fc.constant(true), budgetTokens: fc.integer({ min: 1024, max: 60000 }) }),
        fc.record(
          { enabled: fc.constant(true), adaptive: fc.constant(true), effort },
          { requiredKeys: ["enabled", "adaptive"] },
        ),
      ),
      maxOutputTokens: fc.integer({ min: 1, max: 128000 }),
      temperature: fc.double({ min: 0, max: 1, noNaN: true }),
      topP: fc.double({ min: 0, max: 1, noNaN: true }),
      topK: fc.integer({ min: 1, max: 500 }),
      stopSequences: fc.array(text, { minLength: 1, maxLength: 2 }),
      user: fc.string(),
      stream: fc.boolean(),
      schema: fc.option(fc.constant({ type: "object", properties: { title: { type: "string" } } }), { nil: undefined }),
      extensions: fc.option(fc.constant({ "anthropic-messages": { context_management: { edits: [] } } }), {
        nil: undefined,
      }),
    },
    {
      requiredKeys: [
        "system",
        "first",
        "turns",
        "tools",
        "choice",
        "reasoning",
        "maxOutputTokens",
        "stream",
        "schema",
        "extensions",
      ],
    },
  )
  .map(({ first, turns, choice, schema, ...rest }) => {
    // Opus 4.8 takes mid-conversation system messages but no thinking budget; Sonnet 4.6 the reverse.
    const budget = "budgetTokens" in rest.reasoning ? rest.reasoning.budgetTokens : undefined;
    const model = budget === undefined ? "claude-opus-4-8" : "claude-sonnet-4-6";
    const maxOutputTokens = Math.max(rest.maxOutputTokens, (budget ?? 0) + 1);
    const built: Request = {
      ...rest,
      model,
      maxOutputTokens,
      messages: conversation(first, turns, budget === undefined),
    };
    if (choice !== undefined) Object.assign(built, choice);
    if (rest.reasoning.enabled) {
      // Settings Anthropic refuses alongside thinking (see drop-thinking-conflicts.ts) are not sent.
      for (const field of ["temperature", "topK", "topP"] as const) delete built[field];
      if (built.toolChoice?.type === "required" || built.toolChoice?.type === "tool")
        built.toolChoice = { type: "auto" };
      // Nor a tool-use turn in progress that does not open with its thinking block.
      const last = built.messages.findLast((message) => message.role === "assistant");
      const opensWithThinking = last?.content[0]?.type === "reasoning";
      if (last !== undefined && !opensWithThinking && last.content.some((part) => part.type === "tool-call"))
        last.content.unshift({ type: "reasoning", text: "", signature: "EqQBCkYIBxgC" });
    }
    if (schema !== undefined) built.responseFormat = { type: "json_schema", schema };
    return JSON.parse(JSON.stringify(built)) as Request;
  });

describe("Anthropic request round trip (property)", () => {
  it("decode(encode(ir)) equals ir, with no warnings", () => {
    fc.assert(
      fc.property(request, (ir) => {
        const encoded = encodeRequest(ir, { model: ir.model });
        expect(encoded.warnings).toEqual([]);
        const decoded = decodeRequest(JSON.parse(JSON.stringify(encoded.body)) as Record<string, unknown>);
        expect(decoded.warnings).toEqual([]);
        expect(decoded.request).toEqual(ir);
      }),
      { numRuns: 200 },
    );
  });
});
