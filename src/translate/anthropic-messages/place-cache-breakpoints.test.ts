import { describe, expect, it } from "vitest";
import type { Request } from "../../ir/request.js";
import type { MessageCreateParams } from "../../protocols/anthropic-messages/types.js";
import { encodeRequest } from "./encode-request.js";
import { minimumCacheableTokens } from "./minimum-cacheable-tokens.js";
import { placeCacheBreakpoints } from "./place-cache-breakpoints.js";

const long = "Follow the repository's conventions. ".repeat(200); // ~7400 characters
const breakpoint = { type: "ephemeral" };

/** Where the breakpoints are: `system[i]`, `tools[i]`, `messages[i][j]`. */
function breakpoints(body: Record<string, unknown>): string[] {
  const found: string[] = [];
  const visit = (list: unknown, name: string) => {
    if (!Array.isArray(list)) return;
    list.forEach((item: Record<string, unknown>, index) => {
      if (item["cache_control"] !== undefined) found.push(`${name}[${index}]`);
    });
  };
  visit(body["tools"], "tools");
  visit(body["system"], "system");
  (body["messages"] as Array<{ content: unknown }>).forEach((message, index) =>
    visit(message.content, `messages[${index}]`),
  );
  return found;
}

function agentRequest(overrides: Partial<Request> = {}): Request {
  return {
    model: "gpt-5.1-codex",
    system: [{ type: "text", text: long }],
    tools: [{ kind: "function", name: "exec_command", description: "Run a command", inputSchema: { type: "object" } }],
    messages: [
      { role: "user", content: [{ type: "text", text: "Fix the failing test." }] },
      {
        role: "assistant",
        content: [
          { type: "tool-call", id: "call_1", name: "exec_command", input: '{"cmd":"npm test"}', kind: "function" },
        ],
      },
      { role: "tool", content: [{ type: "tool-result", callId: "call_1", kind: "function", content: "1 failed" }] },
    ],
    stream: true,
    ...overrides,
  } as Request;
}

describe("placeCacheBreakpoints (through encodeRequest)", () => {
  it("marks the end of the system prefix, the previous user turn and the newest turn", () => {
    const { body } = encodeRequest(agentRequest(), { model: "claude-sonnet-4-5" });
    expect(breakpoints(body)).toEqual(["system[0]", "messages[0][0]", "messages[2][0]"]);
    expect((body["system"] as Array<Record<string, unknown>>)[0]?.["cache_control"]).toEqual(breakpoint);
  });

  it("places none when the route turned prompt caching off", () => {
    const { body } = encodeRequest(agentRequest(), { model: "claude-sonnet-4-5", promptCache: "off" });
    expect(breakpoints(body)).toEqual([]);
  });

  it("skips prefixes shorter than the model's minimum", () => {
    const short = agentRequest({ system: [{ type: "text", text: "Be brief." }] });
    expect(breakpoints(encodeRequest(short, { model: "claude-sonnet-4-5" }).body)).toEqual([]);
    // 7400 characters pass Sonnet's 1024 tokens but not Haiku 4.5's 4096.
    const haiku = encodeRequest(agentRequest(), { model: "claude-haiku-4-5" }).body;
    expect(breakpoints(haiku)).toEqual([]);
  });

  it("marks the last tool when there is no system prompt", () => {
    const tools = [{ kind: "function", name: "read", description: long, inputSchema: { type: "object" } }];
    const { body } = encodeRequest(agentRequest({ system: [], tools } as Partial<Request>), {
      model: "claude-sonnet-4-5",
    });
    expect(breakpoints(body)).toEqual(["tools[0]", "messages[0][0]", "messages[2][0]"]);
  });

  it("never changes a request that already has a breakpoint, and never places more than 4", () => {
    const body: MessageCreateParams = {
      model: "claude-sonnet-4-5",
      max_tokens: 100,
      system: [{ type: "text", text: long }],
      messages: [{ role: "user", content: [{ type: "text", text: "hi", cache_control: { type: "ephemeral" } }] }],
    };
    const before = JSON.stringify(body);
    placeCacheBreakpoints(body);
    expect(JSON.stringify(body)).toBe(before);
    const many = encodeRequest(agentRequest(), { model: "claude-opus-4-8" }).body;
    expect(breakpoints(many).length).toBeLessThanOrEqual(4);
  });

  it("turns a string message into a text block to mark it, and looks past a closing system message", () => {
    const body: MessageCreateParams = {
      model: "claude-opus-4-8",
      max_tokens: 100,
      system: long,
      messages: [
        { role: "user", content: "hello" },
        { role: "system", content: "late instructions" },
      ],
    };
    placeCacheBreakpoints(body);
    expect(body.system).toEqual([{ type: "text", text: long, cache_control: breakpoint }]);
    expect(body.messages[0]?.content).toEqual([{ type: "text", text: "hello", cache_control: breakpoint }]);
    expect(body.messages[1]?.content).toBe("late instructions");
  });
});

describe("minimumCacheableTokens", () => {
  it.each([
    ["claude-sonnet-4-5-20250929", 1024],
    ["claude-sonnet-4.5", 1024],
    ["claude-opus-4-6", 4096],
    ["claude-opus-4.7", 2048],
    ["claude-opus-4-8", 1024],
    ["claude-haiku-4-5-20251001", 4096],
    ["claude-3-5-haiku-20241022", 2048],
    ["claude-opus-4-1", 1024],
    ["something-else", 1024],
  ])("%s → %i", (model, tokens) => {
    expect(minimumCacheableTokens(model)).toBe(tokens);
  });
});
