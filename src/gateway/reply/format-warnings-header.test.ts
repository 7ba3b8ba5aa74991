import { describe, expect, it } from "vitest";
import type { Warning } from "../../ir/warning.js";
import { formatWarningsHeader } from "./format-warnings-header.js";

describe("formatWarningsHeader", () => {
  it("is a JSON array that survives as a header value even with non-ASCII text", () => {
    const warnings: Warning[] = [{ type: "unsupported", feature: "tools 天气", detail: "dropped — not supported" }];
    const header = formatWarningsHeader(warnings);
    expect(header).toMatch(/^[\x20-\x7e]+$/);
    expect(JSON.parse(header)).toEqual(warnings);
  });

  it("keeps a long list under the header budget and says how many were left out", () => {
    const warnings: Warning[] = Array.from({ length: 200 }, (_, index) => ({
      type: "unsupported",
      feature: `tools[${index}] web_search`,
      detail: "a hosted tool the upstream cannot run",
    }));
    const header = formatWarningsHeader(warnings);
    expect(header.length).toBeLessThanOrEqual(4000);
    const parsed = JSON.parse(header) as Warning[];
    expect(parsed[0]).toEqual(warnings[0]);
    expect(parsed[parsed.length - 1]).toEqual({
      type: "compatibility",
      feature: "warnings",
      detail: `${200 - (parsed.length - 1)} more in the log`,
    });
  });
});
