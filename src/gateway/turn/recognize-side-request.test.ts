import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { describeTurn, detectInitiator } from "./detect-initiator.js";
import { recognizeSideRequest } from "./recognize-side-request.js";

describe("who started a turn", () => {
  it("looks past trailing system and developer messages", () => {
    expect(
      detectInitiator("anthropic-messages", {
        messages: [
          { role: "user", content: "hi" },
          { role: "system", content: "note" },
        ],
      }),
    ).toBe("user");
    expect(
      detectInitiator("anthropic-messages", {
        messages: [
          { role: "user", content: [{ type: "tool_result", tool_use_id: "t", content: "ok" }] },
          { role: "system", content: "note" },
        ],
      }),
    ).toBe("agent");
    expect(
      detectInitiator("openai-chat", {
        messages: [
          { role: "tool", content: "x" },
          { role: "developer", content: "y" },
        ],
      }),
    ).toBe("agent");
    expect(
      detectInitiator("openai-responses", {
        input: [
          { type: "custom_tool_call_output", call_id: "c", output: [] },
          { type: "message", role: "developer", content: "x" },
        ],
      }),
    ).toBe("agent");
  });

  it("treats what a person typed as user", () => {
    expect(detectInitiator("openai-responses", { input: "hello" })).toBe("user");
    expect(detectInitiator("openai-responses", { input: [{ role: "user", content: "hello" }] })).toBe("user");
  });

  it("makes every side request the agent's, whatever its last message looks like", () => {
    const title = {
      messages: [{ role: "user", content: "Write hello.txt" }],
      output_config: { format: { type: "json_schema", schema: {} } },
    };
    expect(describeTurn("anthropic-messages", title)).toEqual({
      initiator: "agent",
      sideRequest: "session-title",
      hasImages: false,
    });
  });
});

describe("Claude Code's side requests", () => {
  it("recognizes the compaction request and ignores the main agent", () => {
    const main = {
      system: [{ type: "text", text: "You are Claude Code, Anthropic's official CLI for Claude." }],
      tools: [{ name: "Bash" }],
      messages: [{ role: "user", content: "hi" }],
    };
    expect(recognizeSideRequest("anthropic-messages", main)).toBeUndefined();
    const compaction = {
      ...main,
      messages: [
        {
          role: "user",
          content: [
            {
              type: "text",
              text: "Your task is to create a detailed summary of the conversation so far, paying close attention",
            },
          ],
        },
      ],
    };
    expect(recognizeSideRequest("anthropic-messages", compaction)).toBe("compaction");
    expect(recognizeSideRequest("openai-chat", compaction)).toBeUndefined();
  });

  it("recognizes the Explore and Plan subagent personas", () => {
    const explore = {
      system: "You are a file search specialist for Claude Code, Anthropic's official CLI for Claude. You excel at …",
      tools: [{ name: "Read" }],
      messages: [{ role: "user", content: "find it" }],
    };
    expect(recognizeSideRequest("anthropic-messages", explore)).toBe("subagent");
    const plan = {
      system: [
        { type: "text", text: "You are Claude Code, Anthropic's official CLI for Claude." },
        {
          type: "text",
          text: "You are a software architect and planning specialist for Claude Code. Your role is to explore the codebase and design implementation plans.",
        },
      ],
      messages: [{ role: "user", content: "plan it" }],
    };
    expect(recognizeSideRequest("anthropic-messages", plan)).toBe("subagent");
    const printModeMain = {
      system: [{ type: "text", text: "You are a Claude agent, built on Anthropic's Claude Agent SDK." }],
      tools: [{ name: "Task" }],
      messages: [{ role: "user", content: "hi" }],
    };
    expect(recognizeSideRequest("anthropic-messages", printModeMain)).toBeUndefined();
  });

  it("finds a persona exactly where the whole-text pattern would, however the text is made", () => {
    const pattern = /You are an? [^.\n]{1,80}? for Claude Code\b/;
    const fragment = fc.constantFrom(
      "You are a",
      "You are an",
      " ",
      " for Claude Code",
      "Codex",
      ".",
      "\n",
      "file search specialist",
      "x".repeat(40),
    );
    fc.assert(
      fc.property(fc.array(fragment, { maxLength: 12 }), (pieces) => {
        const system = pieces.join("");
        const body = { system, tools: [{ name: "t" }], messages: [{ role: "user", content: "hi" }] };
        expect(recognizeSideRequest("anthropic-messages", body) === "subagent").toBe(pattern.test(system));
      }),
      { numRuns: 2000 },
    );
  });
});
