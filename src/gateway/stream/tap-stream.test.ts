import { readdirSync } from "node:fs";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { SseReader } from "../../lib/sse.js";
import type { WireApi } from "../../protocols/wire-api.js";
import { translators } from "../../translate/registry.js";
import { noteOutcome, type Outcome } from "./served.js";
import { tapStream } from "./tap-stream.js";
import { fixtureSse as messagesFixture } from "../../translate/anthropic-messages/testing/fixture-stream.js";
import { fixtureSse as chatFixture } from "../../translate/openai-chat/testing/stream-fixtures.js";
import { readChunksAsSse as responsesFixture } from "../../translate/openai-responses/testing/fixtures.js";

const sse = (event: string | undefined, data: unknown) =>
  `${event === undefined ? "" : `event: ${event}\n`}data: ${typeof data === "string" ? data : JSON.stringify(data)}\n\n`;

/** Feeds the stream in awkward pieces (mid-line, mid-character) and returns the summary. */
async function tap(api: WireApi, text: string) {
  const tapped = tapStream(api);
  const bytes = Buffer.from(text);
  for (let start = 0; start < bytes.length; start += 7) tapped.push(bytes.subarray(start, start + 7));
  return tapped.end();
}

describe("tapStream: usage and finish of a passthrough stream", () => {
  it("Anthropic: usage from message_start and message_delta, whatever the content blocks in between", async () => {
    const text = [
      sse("message_start", {
        type: "message_start",
        message: {
          id: "msg_1",
          model: "m",
          usage: { input_tokens: 120, output_tokens: 1, cache_read_input_tokens: 100 },
        },
      }),
      sse("content_block_start", { type: "content_block_start", index: 0, content_block: { type: "text", text: "" } }),
      sse("ping", { type: "ping" }),
      sse("content_block_delta", {
        type: "content_block_delta",
        index: 0,
        delta: { type: "text_delta", text: "héllo" },
      }),
      sse("content_block_stop", { type: "content_block_stop", index: 0 }),
      sse("message_delta", { type: "message_delta", delta: { stop_reason: "tool_use" }, usage: { output_tokens: 42 } }),
      sse("message_stop", { type: "message_stop" }),
    ].join("");
    const summary = await tap("anthropic-messages", text);
    expect(summary.sawTerminalEvent).toBe(true);
    expect(summary.finishReason?.unified).toBe("tool-calls");
    expect(summary.usage).toMatchObject({ outputTokens: 42, cacheReadTokens: 100 });
    expect(summary.error).toBeUndefined();
  });

  it("Chat: the finish reason of the last choice and the usage-only chunk after it", async () => {
    const chunk = (delta: unknown, finish: string | null, extra: object = {}) =>
      sse(undefined, { id: "c", model: "m", choices: [{ index: 0, delta, finish_reason: finish }], ...extra });
    const text = [
      chunk({ role: "assistant", content: "" }, null),
      chunk({ content: "the finish_reason is null" }, null),
      chunk({ tool_calls: [{ index: 0, id: "call_1", function: { name: "f", arguments: "{}" } }] }, null),
      chunk({}, "tool_calls"),
      sse(undefined, { id: "c", model: "m", choices: [], usage: { prompt_tokens: 10, completion_tokens: 5 } }),
      sse(undefined, "[DONE]"),
    ].join("");
    const summary = await tap("openai-chat", text);
    expect(summary.sawTerminalEvent).toBe(true);
    expect(summary.finishReason?.unified).toBe("tool-calls");
    expect(summary.usage).toMatchObject({ inputTokens: 10, outputTokens: 5 });
  });

  it("Chat with include_usage: `usage: null` on every chunk, spaced JSON, the usage chunk still counted", async () => {
    // OpenAI sends `"usage": null` on every chunk when `stream_options.include_usage` is set.
    const spaced = (value: unknown) => `data: ${JSON.stringify(value).replaceAll('":', '": ')}\n\n`;
    const chunk = (delta: unknown, finish: string | null) =>
      spaced({ id: "c", choices: [{ index: 0, delta, finish_reason: finish }], usage: null });
    const text = [
      chunk({ role: "assistant", content: "" }, null),
      chunk({ content: 'say "usage": {} and "finish_reason": "stop"' }, null),
      chunk({}, "length"),
      spaced({ id: "c", choices: [], usage: { prompt_tokens: 7, completion_tokens: 3 } }),
      "data: [DONE]\n\n",
    ].join("");
    const summary = await tap("openai-chat", text);
    expect(summary.sawTerminalEvent).toBe(true);
    expect(summary.finishReason?.unified).toBe("length");
    expect(summary.usage).toMatchObject({ inputTokens: 7, outputTokens: 3 });
  });

  it("Responses: usage from response.completed, past every delta", async () => {
    const text = [
      sse("response.created", { type: "response.created", response: { id: "r", model: "m" } }),
      sse("response.output_text.delta", {
        type: "response.output_text.delta",
        output_index: 0,
        content_index: 0,
        delta: "hi",
      }),
      sse("response.completed", {
        type: "response.completed",
        response: { id: "r", model: "m", status: "completed", usage: { input_tokens: 7, output_tokens: 3 } },
      }),
    ].join("");
    const summary = await tap("openai-responses", text);
    expect(summary.sawTerminalEvent).toBe(true);
    expect(summary.usage).toMatchObject({ inputTokens: 7, outputTokens: 3 });
  });

  it("a stream cut before its last event is reported as such", async () => {
    const text = sse("message_start", { type: "message_start", message: { id: "m", model: "m", usage: {} } });
    const summary = await tap("anthropic-messages", `${text}event: message_stop\ndata: {"type":"mess`);
    expect(summary.sawTerminalEvent).toBe(false);
    expect(summary.error?.code).toBe("upstream_error");
  });

  /** What the tap must find: every event parsed and decoded, none skipped. */
  function reference(api: WireApi, text: string) {
    const reader = new SseReader();
    const events = [...reader.push(text), ...reader.end()];
    const decoder = translators[api].createStreamDecoder();
    const outcome: Outcome = {};
    for (const event of events) {
      for (const part of decoder.push(event)) noteOutcome(part, outcome);
      if (decoder.done) break;
    }
    for (const part of decoder.end()) noteOutcome(part, outcome);
    const terminal = events.some((event) => {
      if (api === "openai-chat") return event.data.trim() === "[DONE]";
      const name = event.event ?? (JSON.parse(event.data) as { type: string }).type;
      return ["message_stop", "error", "response.completed", "response.incomplete", "response.failed"].includes(name);
    });
    return { usage: outcome.usage, finishReason: outcome.finishReason, error: outcome.error?.code, terminal };
  }

  /** Text that looks like what the tap searches for, inside strings where it means nothing. */
  const trickyText = fc.constantFrom(
    "plain",
    'say "usage": {"x":1}',
    '"finish_reason": "stop"',
    "event: message_delta",
    "\nevent: error\n",
    "[DONE]",
    "héllo ✓",
    "",
  );
  const chatEvent = fc.oneof(
    trickyText.map((text) => ({ choices: [{ index: 0, delta: { content: text }, finish_reason: null }], usage: null })),
    fc
      .constantFrom("stop", "length", "tool_calls")
      .map((reason) => ({ choices: [{ index: 0, delta: {}, finish_reason: reason }] })),
    fc.nat(500).map((tokens) => ({ choices: [], usage: { prompt_tokens: tokens, completion_tokens: 3 } })),
    fc.constant({ error: { message: "overloaded", type: "server_error" } }),
    fc.constant("[DONE]"),
  );
  const anthropicEvent = fc.oneof(
    fc.nat(500).map(
      (tokens) =>
        [
          "message_start",
          {
            type: "message_start",
            message: { id: "m", model: "m", usage: { input_tokens: tokens, output_tokens: 1 } },
          },
        ] as const,
    ),
    trickyText.map(
      (text) =>
        [
          "content_block_delta",
          { type: "content_block_delta", index: 0, delta: { type: "text_delta", text } },
        ] as const,
    ),
    fc.constant(["ping", { type: "ping" }] as const),
    fc
      .constantFrom("end_turn", "tool_use", "max_tokens")
      .map(
        (reason) =>
          [
            "message_delta",
            { type: "message_delta", delta: { stop_reason: reason }, usage: { output_tokens: 9 } },
          ] as const,
      ),
    fc.constant(["message_stop", { type: "message_stop" }] as const),
    fc.constant(["error", { type: "error", error: { type: "overloaded_error", message: "busy" } }] as const),
  );
  /** The stream's bytes cut at the given fractions of its length, or into pieces of a given size. */
  function pieces(text: string, split: number[] | number): Buffer[] {
    const bytes = Buffer.from(text);
    const points =
      typeof split === "number"
        ? Array.from({ length: Math.ceil(bytes.length / split) }, (_, index) => index * split)
        : [...new Set(split.map((cut) => Math.floor(cut * bytes.length)))].sort((left, right) => left - right);
    const result: Buffer[] = [];
    let previous = 0;
    for (const point of [...points, bytes.length]) {
      result.push(bytes.subarray(previous, point));
      previous = point;
    }
    return result;
  }
  async function tapped(api: WireApi, chunks: Buffer[]) {
    const tap = tapStream(api);
    for (const chunk of chunks) tap.push(chunk);
    const summary = tap.end();
    return {
      usage: summary.usage,
      finishReason: summary.finishReason,
      error: summary.error?.code,
      terminal: summary.sawTerminalEvent,
    };
  }
  // Cuts anywhere, or pieces so small that every marker the tap looks for is split between reads.
  const cuts = fc.oneof(
    fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { maxLength: 12 }),
    fc.integer({ min: 1, max: 24 }),
  );
  const lineEnd = fc.constantFrom("\n", "\r\n");

  const recorded: Array<[WireApi, string, (name: string) => string]> = [
    ["openai-chat", "openai-chat", chatFixture],
    ["anthropic-messages", "anthropic-messages", messagesFixture],
    ["openai-responses", "openai-responses", responsesFixture],
  ].flatMap(([api, folder, read]) =>
    readdirSync(new URL(`../../translate/${folder as string}/__fixtures__/`, import.meta.url))
      .filter((name) => name.endsWith(".chunks.txt"))
      .map((name): [WireApi, string, (name: string) => string] => [
        api as WireApi,
        name,
        read as (name: string) => string,
      ]),
  );

  it.each(recorded)(
    "%s, recorded stream %s, whole and in 5-byte pieces: what parsing every event finds",
    async (api, name, read) => {
      const text = read(name);
      const expected = reference(api, text);
      expect(await tapped(api, [Buffer.from(text)])).toEqual(expected);
      expect(await tapped(api, pieces(text, 5))).toEqual(expected);
    },
  );

  it("Responses: a tool call seen only in its item's done event still makes the finish tool calls", async () => {
    const item = { type: "function_call", id: "fc_1", call_id: "call_1", name: "shell", arguments: "{}" };
    const text = [
      sse("response.created", { type: "response.created", response: { id: "r", status: "in_progress", output: [] } }),
      sse("response.output_item.done", { type: "response.output_item.done", output_index: 0, item }),
      sse("response.completed", {
        type: "response.completed",
        response: { id: "r", status: "completed", output: [item], usage: { input_tokens: 7, output_tokens: 3 } },
      }),
    ].join("");
    const summary = await tap("openai-responses", text);
    expect(summary.finishReason?.unified).toBe("tool-calls");
    expect(await tapped("openai-responses", [Buffer.from(text)])).toEqual(reference("openai-responses", text));
  });

  /**
   * One event's `data:` lines. Split: the JSON over several lines, broken at the whitespace after
   * each key (`"usage"` on one line, `: {…}` on the next), which SSE joins back with a line feed.
   */
  function dataLines(json: string, end: string, split: boolean): string {
    const lines = split ? json.replace(/(?<!\\)":/g, '"\n:').split("\n") : [json];
    return lines.map((line) => `data: ${line}${end}`).join("");
  }

  /** One whole event: its `event:` line when it has a name, its data, the blank line. */
  function frame(name: string | undefined, json: string, end: string, split = false): string {
    return `${name === undefined ? "" : `event: ${name}${end}`}${dataLines(json, end, split)}${end}`;
  }

  it("property: Chat, cut anywhere, the tap finds what parsing every event finds", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(chatEvent, { maxLength: 12 }),
        cuts,
        lineEnd,
        fc.boolean(),
        async (events, at, end, split) => {
          const text = events
            .map((event) => frame(undefined, typeof event === "string" ? event : JSON.stringify(event), end, split))
            .join("");
          expect(await tapped("openai-chat", pieces(text, at))).toEqual(reference("openai-chat", text));
        },
      ),
      { numRuns: 300 },
    );
  });

  const responsesItem = fc.oneof(
    trickyText.map((text) => ({
      type: "message",
      id: "msg_1",
      role: "assistant",
      content: [{ type: "output_text", text, annotations: [] }],
    })),
    fc.constantFrom("function_call", "custom_tool_call").map((type) => ({
      type,
      id: "fc_1",
      call_id: "call_1",
      name: "shell",
      ...(type === "function_call" ? { arguments: "{}" } : { input: "ls" }),
    })),
  );
  const responsesEvent = fc.oneof(
    trickyText.map((text) => ({
      type: "response.created",
      response: { id: "r", status: "in_progress", output: [], instructions: text },
    })),
    trickyText.map((text) => ({ type: "response.output_text.delta", item_id: "msg_1", output_index: 0, delta: text })),
    fc
      .tuple(fc.constantFrom("response.output_item.added", "response.output_item.done"), responsesItem)
      .map(([type, item]) => ({ type, output_index: 0, item })),
    fc.tuple(fc.constantFrom("completed", "incomplete", "failed"), fc.nat(500)).map(([status, tokens]) => ({
      type: `response.${status}`,
      response: {
        id: "r",
        status,
        output: [],
        usage: { input_tokens: tokens, output_tokens: 3, total_tokens: tokens + 3 },
        ...(status === "incomplete" ? { incomplete_details: { reason: "max_output_tokens" } } : {}),
        ...(status === "failed" ? { error: { code: "server_error", message: "failed" } } : {}),
      },
    })),
    fc.constant({ type: "error", code: "server_error", message: "busy" }),
  );

  it("property: Responses, named events or not, JSON over one line or several, cut anywhere: what parsing every event finds", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(responsesEvent, { maxLength: 10 }),
        cuts,
        lineEnd,
        fc.boolean(),
        fc.boolean(),
        async (events, at, end, named, split) => {
          const text = events
            .map((data) => frame(named ? data.type : undefined, JSON.stringify(data), end, split))
            .join("");
          expect(await tapped("openai-responses", pieces(text, at))).toEqual(reference("openai-responses", text));
        },
      ),
      { numRuns: 300 },
    );
  });

  it("a stream whose lines end with a bare CR is read whole: usage found, nothing reported as cut", async () => {
    const text = [
      sse(undefined, { choices: [{ index: 0, delta: { content: "hi" }, finish_reason: null }] }),
      sse(undefined, {
        choices: [{ index: 0, delta: {}, finish_reason: "stop" }],
        usage: { prompt_tokens: 5, completion_tokens: 1 },
      }),
      "data: [DONE]\n\n",
    ]
      .join("")
      .replaceAll("\n", "\r");
    const summary = await tap("openai-chat", text);
    expect(summary.sawTerminalEvent).toBe(true);
    expect(summary.error).toBeUndefined();
    expect(summary.usage).toMatchObject({ inputTokens: 5, outputTokens: 1 });
    expect(summary.finishReason?.unified).toBe("stop");
  });

  it("property: Anthropic, named events or not, cut anywhere, the tap finds what parsing every event finds", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(anthropicEvent, { maxLength: 12 }),
        cuts,
        lineEnd,
        fc.boolean(),
        async (events, at, end, named) => {
          // Some Anthropic-compatible servers send no `event:` lines: the type is in the data alone.
          const text = events
            .map(([name, data]) => frame(named ? name : undefined, JSON.stringify(data), end))
            .join("");
          expect(await tapped("anthropic-messages", pieces(text, at))).toEqual(reference("anthropic-messages", text));
        },
      ),
      { numRuns: 300 },
    );
  });

  /** One event in one of the framings the SSE standard allows, which the tap must read alike. */
  const framings = ["plain", "bare", "comment", "id", "data-first", "blank-line", "empty-name"] as const;
  function framed(framing: (typeof framings)[number], name: string | undefined, json: string, end: string): string {
    const space = framing === "bare" ? "" : " ";
    const data = `data:${space}${json}${end}`;
    const event = name === undefined ? "" : `event:${space}${name}${end}`;
    if (framing === "comment") return `: keep-alive${end}${event}${data}${end}`;
    if (framing === "id") return `${event}id: 7${end}${data}${end}`;
    if (framing === "data-first") return `${data}${event}${end}`;
    if (framing === "blank-line") return `${end}${event}${data}${end}`;
    // An empty name is no name: the type is in the data.
    if (framing === "empty-name") return `event:${end}${data}${end}`;
    return frame(name, json, end);
  }
  const anyEvent = {
    "openai-chat": chatEvent.map(
      (event) => [undefined, typeof event === "string" ? event : JSON.stringify(event)] as const,
    ),
    "anthropic-messages": anthropicEvent.map(([name, data]) => [name as string, JSON.stringify(data)] as const),
    "openai-responses": responsesEvent.map((data) => [data.type as string, JSON.stringify(data)] as const),
  };

  it.each(Object.keys(anyEvent) as WireApi[])(
    "property: %s, every framing (comments, ids, fields out of order, no space, blank lines, a byte order mark, CR), cut anywhere: what parsing every event finds",
    async (api) => {
      await fc.assert(
        fc.asyncProperty(
          fc.array(fc.tuple(anyEvent[api], fc.constantFrom(...framings)), { maxLength: 10 }),
          cuts,
          // LF three times in five: the line end the model APIs send.
          fc.constantFrom("\n", "\n", "\n", "\r\n", "\r"),
          fc.boolean(),
          async (events, at, end, mark) => {
            const text =
              (mark ? "\uFEFF" : "") +
              events.map(([[name, json], framing]) => framed(framing, name, json, end)).join("");
            expect(await tapped(api, pieces(text, at))).toEqual(reference(api, text));
          },
        ),
        { numRuns: 400 },
      );
    },
  );
});
