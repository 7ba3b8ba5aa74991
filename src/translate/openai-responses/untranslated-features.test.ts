import { describe, expect, it } from "vitest";
import { decodeRequest } from "./decode-request.js";
import { untranslatedFeatures } from "./untranslated-features.js";

describe("untranslatedFeatures", () => {
  it("names what another API cannot take, and not what only steers OpenAI's service", () => {
    const { request } = decodeRequest({
      model: "gpt-5.1-codex",
      input: "hi",
      store: false,
      include: ["reasoning.encrypted_content"],
      prompt_cache_key: "session-1",
      client_metadata: { a: "b" },
      context_management: [{ type: "compaction" }],
      truncation: "auto",
      reasoning: { effort: "high", summary: "auto", context: "all_turns" },
    });
    expect(untranslatedFeatures(request).sort()).toEqual(["context_management", "reasoning.context", "truncation"]);
  });

  it("is empty for what Codex sends on an ordinary turn", () => {
    const { request } = decodeRequest({
      model: "gpt-5.1-codex",
      input: [{ type: "message", role: "user", content: [{ type: "input_text", text: "hi" }] }],
      tools: [],
      tool_choice: "auto",
      parallel_tool_calls: true,
      reasoning: { summary: "auto" },
      store: false,
      stream: true,
      include: ["reasoning.encrypted_content"],
      prompt_cache_key: "session-1",
    });
    expect(untranslatedFeatures(request)).toEqual([]);
  });
});
