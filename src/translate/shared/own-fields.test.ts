import { describe, expect, it } from "vitest";
import { extraFields } from "../anthropic-messages/extensions.js";
import { pickOwnFields } from "./own-fields.js";

describe("picking the fields a decoder carries", () => {
  it("keeps the own fields the test accepts, and makes nothing when none is", () => {
    const inherited = Object.create({ inherited: 1 }) as Record<string, unknown>;
    inherited["own"] = 2;
    expect(pickOwnFields(inherited, () => true)).toEqual({ own: 2 });
    expect(pickOwnFields({ a: 1 }, () => false)).toBeUndefined();
  });

  it("carries an Anthropic block's field named __proto__ as data", () => {
    const block = JSON.parse('{"type":"text","text":"hi","__proto__":{"polluted":true}}') as object;
    const carried = extraFields(block, ["type", "text"])?.["anthropic-messages"];
    expect(JSON.stringify(carried)).toBe('{"__proto__":{"polluted":true}}');
    expect(Object.getPrototypeOf(carried)).toBe(Object.prototype);
  });
});
