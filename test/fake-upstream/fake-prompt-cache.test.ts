import { describe, expect, it } from "vitest";
import { FakePromptCache } from "./fake-prompt-cache.js";

const ephemeral = { type: "ephemeral" };
const longSystem = "You are a careful coding agent. ".repeat(300); // ~2400 tokens at 4 characters a token

function request(turns: string[], options: { system?: string; marks?: number[]; model?: string } = {}) {
  const marks = options.marks ?? [turns.length - 1];
  return {
    model: options.model ?? "claude-sonnet-4-5",
    max_tokens: 100,
    system: [{ type: "text", text: options.system ?? longSystem, cache_control: ephemeral }],
    messages: turns.map((text, index) => ({
      role: index % 2 === 0 ? "user" : "assistant",
      content: [{ type: "text", text, ...(marks.includes(index) ? { cache_control: ephemeral } : {}) }],
    })),
  };
}

describe("FakePromptCache", () => {
  it("writes up to the last breakpoint, then reads the longest cached prefix", () => {
    const cache = new FakePromptCache();
    const first = cache.account(request(["fix the bug"]));
    expect(first).toMatchObject({ cacheReadTokens: 0 });
    if ("error" in first) throw new Error(first.error);
    expect(first.cacheWriteTokens).toBe(first.inputTokens); // everything up to the newest turn
    const second = cache.account(request(["fix the bug", "done", "now the docs"], { marks: [0, 2] }));
    if ("error" in second) throw new Error(second.error);
    expect(second.cacheReadTokens).toBe(first.inputTokens);
    expect(second.cacheWriteTokens).toBe(second.inputTokens - first.inputTokens);
  });

  it("reads nothing when the prefix differs before the breakpoint, and ignores the cache_control markers", () => {
    const cache = new FakePromptCache();
    cache.account(request(["fix the bug"]));
    const changed = cache.account(request(["fix the bug"], { system: `${longSystem}!` }));
    expect(changed).toMatchObject({ cacheReadTokens: 0 });
    // Only the system prompt marked: the system prefix written by the first request is read (markers
    // are not part of the prompt), the turn after it is not.
    const unmarked = cache.account(request(["fix the bug"], { marks: [] }));
    if ("error" in unmarked) throw new Error(unmarked.error);
    expect(unmarked.cacheReadTokens).toBeGreaterThan(2000);
    expect(unmarked.cacheReadTokens).toBeLessThan(unmarked.inputTokens);
    expect(unmarked.cacheWriteTokens).toBe(0);
  });

  it("caches nothing below the model's minimum length", () => {
    const cache = new FakePromptCache();
    const short = request(["hi"], { system: "Be brief." });
    expect(cache.account(short)).toMatchObject({ cacheReadTokens: 0, cacheWriteTokens: 0 });
    expect(cache.account(short)).toMatchObject({ cacheReadTokens: 0, cacheWriteTokens: 0 });
    // ~2400 tokens: enough for Sonnet 4.5 (1024), not for Haiku 4.5 (4096).
    expect(cache.account(request(["hi"], { model: "claude-haiku-4-5" }))).toMatchObject({ cacheWriteTokens: 0 });
  });

  it("expires an entry five minutes after its last use", () => {
    let now = 0;
    const cache = new FakePromptCache({ now: () => now });
    cache.account(request(["fix the bug"]));
    now = 4 * 60_000;
    expect(cache.account(request(["fix the bug"]))).toMatchObject({ cacheWriteTokens: 0 });
    now = 8 * 60_000; // 4 minutes after the last read: still alive
    expect(cache.account(request(["fix the bug"]))).toMatchObject({ cacheWriteTokens: 0 });
    now = 14 * 60_000;
    expect(cache.account(request(["fix the bug"]))).toMatchObject({ cacheReadTokens: 0 });
  });

  it("refuses more than 4 breakpoints as Anthropic does", () => {
    const cache = new FakePromptCache();
    const turns = ["a", "b", "c", "d", "e"];
    expect(cache.account(request(turns, { marks: [0, 1, 2, 3] }))).toEqual({
      error: "A maximum of 4 blocks with cache_control may be provided. Found 5.",
    });
  });
});
