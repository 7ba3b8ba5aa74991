import { describe, expect, it } from "vitest";
import type { StreamPart } from "../../ir/stream-part.js";
import { decodeRequest } from "./decode-request.js";
import { encodeRequest } from "./encode-request.js";
import { encodeResponse } from "./encode-response.js";
import { encodeStream } from "./encode-stream.js";
import { packOpenAiReasoning, unpackOpenAiReasoning } from "./foreign-reasoning.js";
import { collect, fromChunks } from "./testing/fixture-stream.js";

type Block = Record<string, unknown>;

/** The client's next turn: its question, the assistant content it received, and the tool result. */
function nextTurn(content: unknown) {
  return decodeRequest({
    model: "claude-sonnet-4-5",
    max_tokens: 1024,
    messages: [
      { role: "user", content: "Weather?" },
      { role: "assistant", content },
      { role: "user", content: [{ type: "tool_result", tool_use_id: "call_1", content: "22 °C" }] },
    ],
  }).request;
}

describe("OpenAI reasoning through an Anthropic client", () => {
  it("packs and unpacks encrypted content and item id; leaves Anthropic's own signatures alone", () => {
    const packed = packOpenAiReasoning({ encryptedContent: "gAAAA-blob", id: "rs_1" });
    expect(packed).toMatch(/^switchboard\.openai-reasoning\.v1:/);
    expect(unpackOpenAiReasoning(packed ?? "")).toEqual({ encryptedContent: "gAAAA-blob", id: "rs_1" });
    expect(unpackOpenAiReasoning("EqQBCkYIBxgC")).toBeUndefined();
    expect(packOpenAiReasoning({ id: "rs_1" })).toBeUndefined();
  });

  it("a Responses reasoning item shown to Claude Code comes back as the same item", () => {
    const message = encodeResponse(
      {
        id: "resp_1",
        model: "gpt-5",
        content: [
          { type: "reasoning", text: "Call the tool.", id: "rs_1", encryptedContent: "gAAAA-blob" },
          { type: "tool-call", id: "call_1", name: "get_weather", input: "{}", kind: "function" },
        ],
        finishReason: { unified: "tool-calls" },
        usage: { inputTokens: 1, outputTokens: 1 },
      },
      { model: "claude-sonnet-4-5" },
    );
    const content = message["content"] as Block[];
    expect(content[0]).toMatchObject({ type: "thinking", thinking: "Call the tool." });
    const assistant = nextTurn(content).messages[1];
    expect(assistant?.content[0]).toEqual({
      type: "reasoning",
      text: "Call the tool.",
      encryptedContent: "gAAAA-blob",
      id: "rs_1",
    });
  });

  it("streams the packed signature as a signature_delta", async () => {
    const parts: StreamPart[] = [
      { type: "response-start", id: "resp_1", model: "gpt-5", created: 1764000000 },
      { type: "reasoning-start", id: "r", itemId: "rs_1" },
      { type: "reasoning-delta", id: "r", delta: "Thinking." },
      { type: "reasoning-end", id: "r", itemId: "rs_1", encryptedContent: "gAAAA-blob" },
      { type: "finish", reason: { unified: "stop" }, usage: { inputTokens: 1, outputTokens: 1 } },
    ];
    const frames = await collect(encodeStream(fromChunks(parts), { model: "claude-sonnet-4-5" }));
    const signature = frames
      .map((frame) => JSON.parse(frame.split("\n")[1]?.slice("data: ".length) ?? "{}") as Block)
      .map((event) => event["delta"] as Block | undefined)
      .find((delta) => delta?.["type"] === "signature_delta")?.["signature"];
    expect(unpackOpenAiReasoning(String(signature))).toEqual({ encryptedContent: "gAAAA-blob", id: "rs_1" });
  });

  it("is never sent to an Anthropic upstream, which could not verify it", () => {
    const signature = packOpenAiReasoning({ encryptedContent: "gAAAA-blob", id: "rs_1" });
    const request = nextTurn([
      { type: "thinking", thinking: "Call the tool.", signature },
      { type: "tool_use", id: "call_1", name: "get_weather", input: {} },
    ]);
    const { body, warnings } = encodeRequest(request, { model: "claude-sonnet-4-5" });
    expect(JSON.stringify(body)).not.toContain("gAAAA-blob");
    expect(warnings.map((warning) => warning.feature).join(" ")).toContain("reasoning");
  });
});
