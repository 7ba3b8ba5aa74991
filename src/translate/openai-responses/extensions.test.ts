import { describe, expect, it } from "vitest";
import { extensionKey, extraFields, makeExtensions } from "./extensions.js";

describe("the fields of a Responses object kept for the way back", () => {
  it("keeps every unknown field that has a value, and nothing else", () => {
    const tool = { type: "function", name: "shell", strict: true, defer_loading: false, gone: undefined };
    expect(extraFields(tool, ["type", "name"])).toEqual({ strict: true, defer_loading: false });
    expect(extraFields({ type: "function", name: "shell" }, ["type", "name"])).toBeUndefined();
  });

  it("keeps a field a client named __proto__ as data, as it came in", () => {
    const parsed = JSON.parse('{"type":"function","__proto__":{"polluted":true}}') as Record<string, unknown>;
    const rest = extraFields(parsed, ["type"]);
    expect(JSON.stringify(rest)).toBe('{"__proto__":{"polluted":true}}');
    expect(Object.getPrototypeOf(rest)).toBe(Object.prototype);
    const bag = makeExtensions({ ...rest });
    expect(JSON.stringify(bag?.[extensionKey])).toBe('{"__proto__":{"polluted":true}}');
  });

  it("makes no bag when nothing has a value", () => {
    expect(makeExtensions({ fields: undefined })).toBeUndefined();
    expect(makeExtensions({ fields: { strict: true } })).toEqual({ [extensionKey]: { fields: { strict: true } } });
  });
});
