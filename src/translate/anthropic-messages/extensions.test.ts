import { describe, expect, it } from "vitest";
import { extraFields } from "./extensions.js";

describe("the fields of an Anthropic object kept for the way back", () => {
  it("carries an Anthropic block's field named __proto__ as data", () => {
    const block = JSON.parse('{"type":"text","text":"hi","__proto__":{"polluted":true}}') as object;
    const carried = extraFields(block, ["type", "text"])?.["anthropic-messages"];
    expect(JSON.stringify(carried)).toBe('{"__proto__":{"polluted":true}}');
    expect(Object.getPrototypeOf(carried)).toBe(Object.prototype);
  });
});
