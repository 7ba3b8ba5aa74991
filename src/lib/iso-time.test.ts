import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { isoTime } from "./iso-time.js";

describe("isoTime", () => {
  it("property: the same text as Date#toISOString, whatever the order of the times asked", () => {
    // Up to 9999-12-31T23:59:59.999Z, the last time toISOString writes without a sign.
    const time = fc.integer({ min: 0, max: 253_402_300_799_999 - 3_000 });
    fc.assert(
      fc.property(
        fc.array(time, { minLength: 1, maxLength: 20 }),
        fc.integer({ min: 0, max: 2_000 }),
        (times, step) => {
          for (const start of times) {
            // Neighbouring times share the kept second, or cross into the next one.
            for (const milliseconds of [start, start + step, start + 999, start]) {
              expect(isoTime(milliseconds)).toBe(new Date(milliseconds).toISOString());
            }
          }
        },
      ),
    );
  });
});
