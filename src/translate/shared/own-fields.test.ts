import { describe, expect, it } from "vitest";
import { pickOwnFields } from "./own-fields.js";

describe("picking the fields a decoder carries", () => {
  it("keeps the own fields the test accepts, and makes nothing when none is", () => {
    const inherited = Object.create({ inherited: 1 }) as Record<string, unknown>;
    inherited["own"] = 2;
    expect(pickOwnFields(inherited, () => true)).toEqual({ own: 2 });
    expect(pickOwnFields({ a: 1 }, () => false)).toBeUndefined();
  });
});
