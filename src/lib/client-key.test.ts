import * as crypto from "node:crypto";
import { describe, expect, it, vi } from "vitest";
import { keyMatches, presentedKey } from "./client-key.js";

vi.mock("node:crypto", async (importOriginal) => {
  const original = await importOriginal<typeof import("node:crypto")>();
  return { ...original, timingSafeEqual: vi.fn(original.timingSafeEqual) };
});

const expected = "sk-switchboard-0123456789abcdef";

describe("the client key is compared in constant time", () => {
  it("every comparison, right or wrong, of any length or none, goes through timingSafeEqual on equal-length digests", () => {
    const presented = [
      expected,
      `${expected}x`,
      expected.slice(0, -1),
      "s",
      "",
      "sk-other-key-of-the-same-len-gth",
      undefined,
    ];
    const before = vi.mocked(crypto.timingSafeEqual).mock.calls.length;
    const results = presented.map((key) => keyMatches(key, expected));
    expect(results).toEqual([true, false, false, false, false, false, false]);
    const calls = vi.mocked(crypto.timingSafeEqual).mock.calls.slice(before);
    expect(calls).toHaveLength(presented.length);
    for (const [left, right] of calls) {
      // SHA-256 digests: the length of what was presented leaks nothing either.
      expect((left as Buffer).length).toBe(32);
      expect((right as Buffer).length).toBe(32);
    }
  });

  it("reads the key from x-api-key or Authorization: Bearer", () => {
    expect(presentedKey({ "x-api-key": "a" })).toBe("a");
    expect(presentedKey({ authorization: "Bearer b" })).toBe("b");
    expect(presentedKey({ authorization: "Basic c" })).toBeUndefined();
  });
});
