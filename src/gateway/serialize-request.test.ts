import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { sameJsonValue } from "../lib/same-json-value.js";
import { serializeRequest, ToolsJsonCache } from "./serialize-request.js";

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
    const bytes = serializeRequest(body, new ToolsJsonCache());
    expect(parse(bytes)).toEqual(body);
    expect(Object.keys(parse(bytes))).toEqual(["model", "messages", "tools"]);
  });

  it("handles a body of tools alone, empty tools and no tools", () => {
    const cache = new ToolsJsonCache();
    expect(parse(serializeRequest({ tools: [tool("Read")] }, cache))).toEqual({ tools: [tool("Read")] });
    expect(serializeRequest({ model: "m", tools: [] }, cache).toString()).toBe('{"model":"m","tools":[]}');
    expect(serializeRequest({ model: "m", skipped: undefined }, cache).toString()).toBe('{"model":"m"}');
  });

  it("reuses the bytes of equal tools, and never those of tools that differ anywhere", () => {
    const cache = new ToolsJsonCache();
    const first = serializeRequest({ model: "m", tools: [tool("Read"), tool("Write")] }, cache);
    // Equal tools from another parse: the same bytes come back.
    const again = serializeRequest(JSON.parse(first.toString()) as Record<string, unknown>, cache);
    expect(again.toString()).toBe(first.toString());
    // Same length, same names, one schema deep inside changed: its own bytes.
    const changed = { model: "m", tools: [tool("Read"), tool("Write", { path: { type: "number" } })] };
    expect(parse(serializeRequest(changed, cache))).toEqual(changed);
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

  it("stays right past its size bound", () => {
    const cache = new ToolsJsonCache();
    for (let round = 0; round < 3; round += 1) {
      for (let count = 1; count <= 12; count += 1) {
        for (let variant = 0; variant < 6; variant += 1) {
          const tools = Array.from({ length: count }, (_, index) => tool(`t${index}`, { [`v${variant}`]: {} }));
          expect(parse(serializeRequest({ model: "m", tools }, cache))).toEqual({ model: "m", tools });
        }
      }
    }
    expect(cache.size).toBeLessThanOrEqual(32);
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

  it("property: bytes parse back to the body whatever its tools", () => {
    const tools = fc.array(fc.dictionary(fc.string(), fc.jsonValue({ maxDepth: 3 })), { maxLength: 4 });
    const cache = new ToolsJsonCache();
    fc.assert(
      fc.property(fc.string(), tools, (model, toolList) => {
        const body = { model, tools: toolList };
        expect(parse(serializeRequest(body, cache))).toEqual(JSON.parse(JSON.stringify(body)));
      }),
      { numRuns: 300 },
    );
  });
});
