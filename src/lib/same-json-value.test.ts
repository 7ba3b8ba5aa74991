import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { sameJsonValue } from "./same-json-value.js";

describe("sameJsonValue", () => {
  it("tells apart what serialises differently", () => {
    expect(sameJsonValue({ a: 1, b: [2, { c: "x" }] }, { a: 1, b: [2, { c: "x" }] })).toBe(true);
    expect(sameJsonValue({ a: 1, b: 2 }, { b: 2, a: 1 })).toBe(false);
    expect(sameJsonValue({ a: 1 }, { a: 1, b: 2 })).toBe(false);
    expect(sameJsonValue({ a: 1, b: 2 }, { a: 1 })).toBe(false);
    expect(sameJsonValue({ a: undefined }, {})).toBe(false);
    expect(sameJsonValue([], {})).toBe(false);
    expect(sameJsonValue({}, [])).toBe(false);
    expect(sameJsonValue([1, 2], [1, 2, 3])).toBe(false);
    expect(sameJsonValue(null, {})).toBe(false);
    expect(sameJsonValue("1", 1)).toBe(false);
  });

  it("property: true exactly when the JSON texts are equal, for values without undefined", () => {
    // Small alphabets, so that equal and nearly equal values come up often.
    const key = fc.constantFrom("a", "b", "c");
    const value = fc.letrec((tie) => ({
      node: fc.oneof(
        { depthSize: "small" },
        fc.constantFrom(0, 1, "x", null, true),
        fc.array(tie("node"), { maxLength: 3 }),
        fc.dictionary(key, tie("node"), { maxKeys: 3 }),
      ),
    })).node;
    fc.assert(
      fc.property(value, value, (left, right) => {
        expect(sameJsonValue(left, right)).toBe(JSON.stringify(left) === JSON.stringify(right));
      }),
      { numRuns: 2000 },
    );
  });
});
