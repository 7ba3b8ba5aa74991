import { describe, expect, it } from "vitest";
import type { AssistantMessage } from "../../ir/message.js";
import type { StreamPart } from "../../ir/stream-part.js";
import { decodeRequest } from "./decode-request.js";
import { encodeRequest } from "./encode-request.js";
import { encodeResponse } from "./encode-response.js";
import { encodeStream } from "./encode-stream.js";
import { packForeignReasoning, unpackForeignReasoning } from "./foreign-reasoning.js";
import { collect, fromArray, parseFrames } from "./testing/fixtures.js";

describe("foreign reasoning through a Responses client", () => {
  it("packs and unpacks a signature and redacted data; leaves OpenAI's own content alone", () => {
    const packed = packForeignReasoning({ signature: "sig", redactedData: "red" });
    expect(packed).toMatch(/^switchboard\.reasoning\.v1:/);
    expect(unpackForeignReasoning(packed ?? "")).toEqual({ signature: "sig", redactedData: "red" });
    expect(unpackForeignReasoning("gAAAAB-openai-blob")).toBeUndefined();
    expect(packForeignReasoning({})).toBeUndefined();
  });

  it("an Anthropic thinking signature streamed to Codex comes back on the next request", async () => {
    const parts: StreamPart[] = [
      { type: "response-start", id: "msg_01", model: "claude", created: 1764000000 },
      { type: "reasoning-start", id: "r" },
      { type: "reasoning-delta", id: "r", delta: "Let me think." },
      { type: "reasoning-end", id: "r", signature: "EqQBCkYIBxgC" },
      { type: "finish", reason: { unified: "stop" }, usage: { inputTokens: 1, outputTokens: 1 } },
    ];
    const events = parseFrames(await collect(encodeStream(fromArray(parts), { model: "claude-sonnet-4.5" })));
    const item = events.find((event) => event.event === "response.output_item.done")?.data.item as Record<
      string,
      unknown
    >;
    expect(item.encrypted_content).toMatch(/^switchboard\.reasoning\.v1:/);
    // Codex echoes the item in its next request.
    const { request } = decodeRequest({
      model: "claude-sonnet-4.5",
      input: [{ role: "user", content: "hi" }, item, { role: "user", content: "go on" }],
    });
    const assistant = request.messages[1] as AssistantMessage;
    expect(assistant.content[0]).toMatchObject({ type: "reasoning", text: "Let me think.", signature: "EqQBCkYIBxgC" });
    expect(assistant.content[0]).not.toHaveProperty("encryptedContent");
  });

  it("a non-streamed answer carries it too", () => {
    const body = encodeResponse(
      {
        id: "msg_02",
        model: "claude",
        content: [{ type: "reasoning", text: "", redactedData: "opaque" }],
        finishReason: { unified: "stop" },
        usage: { inputTokens: 1, outputTokens: 1 },
      },
      { model: "claude" },
    );
    const [item] = body.output as Array<{ encrypted_content?: string }>;
    expect(unpackForeignReasoning(item?.encrypted_content ?? "")).toEqual({ redactedData: "opaque" });
  });

  it("is never sent to an OpenAI upstream", () => {
    const { body, warnings } = encodeRequest(
      {
        model: "m",
        system: [],
        tools: [],
        stream: false,
        messages: [{ role: "assistant", content: [{ type: "reasoning", text: "t", id: "rs_1", signature: "sig" }] }],
      },
      { model: "gpt-5" },
    );
    expect(body.input).toEqual([]);
    expect(warnings.map((warning) => warning.feature)).toEqual(["reasoning"]);
  });
});
