import { describe, expect, it } from "vitest";
import { detectImages, detectInitiator } from "./detect-initiator.js";

describe("detectInitiator", () => {
  it("Anthropic: a typed prompt is the user's, a tool result continues the agent loop", () => {
    const prompt = {
      messages: [
        {
          role: "user",
          content: [
            { type: "text", text: "<reminder>" },
            { type: "text", text: "fix it" },
          ],
        },
      ],
    };
    expect(detectInitiator("anthropic-messages", prompt)).toBe("user");
    const toolLoop = {
      messages: [
        { role: "user", content: "fix it" },
        { role: "assistant", content: [{ type: "tool_use", id: "t1", name: "Read", input: {} }] },
        { role: "user", content: [{ type: "tool_result", tool_use_id: "t1", content: "file" }] },
      ],
    };
    expect(detectInitiator("anthropic-messages", toolLoop)).toBe("agent");
  });

  it("looks past trailing system messages (Claude Code sends them last)", () => {
    const body = {
      messages: [
        { role: "user", content: "hello" },
        { role: "system", content: "mid-conversation note" },
      ],
    };
    expect(detectInitiator("anthropic-messages", body)).toBe("user");
    const afterTool = {
      messages: [
        { role: "user", content: [{ type: "tool_result", tool_use_id: "x", content: "ok" }] },
        { role: "system", content: "s" },
      ],
    };
    expect(detectInitiator("anthropic-messages", afterTool)).toBe("agent");
  });

  it("a tool result with text beside it still continues the agent loop", () => {
    const body = {
      messages: [
        {
          role: "user",
          content: [
            { type: "tool_result", tool_use_id: "x", content: "ok" },
            { type: "text", text: "now stop" },
          ],
        },
      ],
    };
    expect(detectInitiator("anthropic-messages", body)).toBe("agent");
  });

  it("Chat: role tool and assistant prefill are the agent's", () => {
    expect(
      detectInitiator("openai-chat", {
        messages: [
          { role: "system", content: "s" },
          { role: "user", content: "hi" },
        ],
      }),
    ).toBe("user");
    expect(
      detectInitiator("openai-chat", {
        messages: [
          { role: "user", content: "hi" },
          { role: "tool", tool_call_id: "c", content: "r" },
        ],
      }),
    ).toBe("agent");
    expect(
      detectInitiator("openai-chat", {
        messages: [
          { role: "user", content: "hi" },
          { role: "assistant", content: "pre" },
        ],
      }),
    ).toBe("agent");
  });

  it("Responses: string input, user message, function_call_output, Codex's trailing settings items", () => {
    expect(detectInitiator("openai-responses", { input: "hi" })).toBe("user");
    expect(
      detectInitiator("openai-responses", {
        input: [
          { type: "message", role: "developer", content: [{ type: "input_text", text: "rules" }] },
          { type: "message", role: "user", content: [{ type: "input_text", text: "go" }] },
          { type: "configuration_update" },
        ],
      }),
    ).toBe("user");
    expect(
      detectInitiator("openai-responses", {
        input: [
          { role: "user", content: "go" },
          { type: "function_call", call_id: "c", name: "exec", arguments: "{}" },
          { type: "function_call_output", call_id: "c", output: "done" },
        ],
      }),
    ).toBe("agent");
  });
});

describe("detectImages", () => {
  it("finds images in each API's content shapes, including inside tool results", () => {
    expect(
      detectImages("anthropic-messages", {
        messages: [{ role: "user", content: [{ type: "tool_result", content: [{ type: "image", source: {} }] }] }],
      }),
    ).toBe(true);
    expect(
      detectImages("openai-chat", {
        messages: [{ role: "user", content: [{ type: "image_url", image_url: { url: "x" } }] }],
      }),
    ).toBe(true);
    expect(
      detectImages("openai-responses", {
        input: [{ role: "user", content: [{ type: "input_image", image_url: "x" }] }],
      }),
    ).toBe(true);
    expect(detectImages("openai-chat", { messages: [{ role: "user", content: "an image_url in text" }] })).toBe(false);
  });
});
