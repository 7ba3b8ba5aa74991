import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { sameJsonValue } from "../../lib/same-json-value.js";
import { serializeRequest, JsonCache } from "./serialize-request.js";

const tool = (name: string, properties: Record<string, unknown> = { path: { type: "string" } }) => ({
  type: "function",
  function: { name, description: `The ${name} tool.`, parameters: { type: "object", properties } },
});

const parse = (bytes: Buffer) => JSON.parse(bytes.toString("utf8")) as Record<string, unknown>;

describe("serializeRequest", () => {
  it("gives bytes that parse to the body, tools last", () => {
    const body = {
      model: "m",
      tools: [tool("Read"), tool("Write")],
      messages: [{ role: "user", content: "é \u2028" }],
    };
    const bytes = serializeRequest(body, new JsonCache());
    expect(parse(bytes)).toEqual(body);
    expect(Object.keys(parse(bytes))).toEqual(["model", "messages", "tools"]);
  });

  it("handles a body of tools alone, empty tools and no tools", () => {
    const cache = new JsonCache();
    expect(parse(serializeRequest({ tools: [tool("Read")] }, cache))).toEqual({ tools: [tool("Read")] });
    expect(serializeRequest({ model: "m", tools: [] }, cache).toString()).toBe('{"model":"m","tools":[]}');
    expect(serializeRequest({ model: "m", skipped: undefined }, cache).toString()).toBe('{"model":"m"}');
  });

  it("reuses the bytes of equal tools, and never those of tools that differ anywhere", () => {
    const cache = new JsonCache();
    const first = serializeRequest({ model: "m", tools: [tool("Read"), tool("Write")] }, cache);
    // Equal tools from another parse: the same bytes come back.
    const again = serializeRequest(JSON.parse(first.toString()) as Record<string, unknown>, cache);
    expect(again.toString()).toBe(first.toString());
    // Reused, not made again: the cache hands back the very bytes it kept.
    const kept = cache.json("tools", [tool("Read"), tool("Write")]);
    expect(cache.json("tools", JSON.parse(JSON.stringify([tool("Read"), tool("Write")])) as unknown[])).toBe(kept);
    // Same length, same names, one schema deep inside changed: its own bytes.
    const changed = { model: "m", tools: [tool("Read"), tool("Write", { path: { type: "number" } })] };
    expect(parse(serializeRequest(changed, cache))).toEqual(changed);
    expect(cache.json("tools", changed.tools)).not.toBe(kept);
    // Same members in another order serialise differently: not a hit either.
    const reordered = {
      model: "m",
      tools: [tool("Read"), { function: tool("Write").function, type: "function" }],
    };
    expect(serializeRequest(reordered, cache).toString()).toBe(JSON.stringify({ model: "m", tools: reordered.tools }));
    // A member present but undefined is left out of the JSON, and is not taken for an absent one.
    const withUndefined = { model: "m", tools: [{ ...tool("Read"), strict: undefined }, tool("Write")] };
    expect(parse(serializeRequest(withUndefined, cache))).toEqual({ model: "m", tools: [tool("Read"), tool("Write")] });
  });

  it("reuses a long system prompt, instructions, and a Chat body's leading system message", () => {
    const cache = new JsonCache();
    const prompt = `You are a coding agent.\n"Quote" \\ é ${"x".repeat(2000)}`;
    const anthropic = { model: "m", system: prompt, messages: [{ role: "user", content: "hi" }], max_tokens: 10 };
    const responses = { model: "m", instructions: prompt, input: [] };
    const chat = (turns: unknown[]) => ({
      model: "m",
      messages: [{ role: "system", content: prompt }, ...turns],
      tools: [tool("Read")],
    });
    for (let round = 0; round < 2; round += 1) {
      expect(parse(serializeRequest(anthropic, cache))).toEqual(anthropic);
      expect(parse(serializeRequest(responses, cache))).toEqual(responses);
      expect(parse(serializeRequest(chat([]), cache))).toEqual(chat([]));
      const turns = [
        { role: "user", content: "a" },
        { role: "assistant", content: "b" },
      ];
      expect(parse(serializeRequest(chat(turns), cache))).toEqual(chat(turns));
    }
    // A changed prompt of the same length is its own.
    const changed = { ...anthropic, system: prompt.replace("agent", "AGENT") };
    expect(parse(serializeRequest(changed, cache))).toEqual(changed);
    // Short prompts and a first message that is not a system message are serialised as they are.
    const plain = { model: "m", system: "short", messages: [{ role: "user", content: prompt }] };
    expect(serializeRequest(plain, cache).toString()).toBe(JSON.stringify(plain));
  });

  it("stays right past its size bound", () => {
    const cache = new JsonCache();
    for (let round = 0; round < 3; round += 1) {
      for (let count = 1; count <= 12; count += 1) {
        for (let variant = 0; variant < 6; variant += 1) {
          const tools = Array.from({ length: count }, (_, index) => tool(`t${index}`, { [`v${variant}`]: {} }));
          expect(parse(serializeRequest({ model: "m", tools }, cache))).toEqual({ model: "m", tools });
        }
      }
    }
    expect(cache.size).toBeLessThanOrEqual(64);
  });

  it("property: equal by sameJsonValue means equal JSON text, and a value equals its copy", () => {
    const json = fc.jsonValue({ maxDepth: 4 });
    fc.assert(
      fc.property(json, json, (left, right) => {
        if (sameJsonValue(left, right)) expect(JSON.stringify(left)).toBe(JSON.stringify(right));
        expect(sameJsonValue(left, JSON.parse(JSON.stringify(left)))).toBe(true);
      }),
      { numRuns: 500 },
    );
  });

  it("property: bytes parse back to the body whatever its tools, prompt and messages", () => {
    const tools = fc.array(fc.dictionary(fc.string(), fc.jsonValue({ maxDepth: 3 })), { maxLength: 4 });
    // Long strings from few distinct values, so that the cache is hit as well as missed.
    const text = fc.oneof(
      fc.string(),
      fc.constantFrom("a", "b").map((letter) => letter.repeat(1500)),
    );
    const message = fc.record({
      role: fc.constantFrom("system", "developer", "user"),
      content: fc.oneof(text, fc.array(fc.record({ type: fc.constant("text"), text }), { maxLength: 2 })),
    });
    const body = fc.record(
      { model: fc.string(), tools, system: text, instructions: text, messages: fc.array(message, { maxLength: 3 }) },
      { requiredKeys: ["model"] },
    );
    const cache = new JsonCache();
    fc.assert(
      fc.property(body, (value) => {
        expect(parse(serializeRequest(value, cache))).toEqual(JSON.parse(JSON.stringify(value)));
      }),
      { numRuns: 500 },
    );
  });
});
