import { describe, expect, it } from "vitest";
import { decodeFinishReason, encodeFinishReason } from "./map-finish-reason.js";

describe("finish reasons", () => {
  it("decodes each Chat value, keeping the raw one", () => {
    expect(decodeFinishReason("stop")).toEqual({ unified: "stop", raw: "stop" });
    expect(decodeFinishReason("length")).toEqual({ unified: "length", raw: "length" });
    expect(decodeFinishReason("tool_calls")).toEqual({ unified: "tool-calls", raw: "tool_calls" });
    expect(decodeFinishReason("function_call")).toEqual({ unified: "tool-calls", raw: "function_call" });
    expect(decodeFinishReason("content_filter")).toEqual({ unified: "content-filter", raw: "content_filter" });
    expect(decodeFinishReason("eos")).toEqual({ unified: "other", raw: "eos" });
    expect(decodeFinishReason(null)).toEqual({ unified: "other" });
  });

  it("encodes every IR reason to one of Chat's five", () => {
    expect(encodeFinishReason({ unified: "stop" })).toBe("stop");
    expect(encodeFinishReason({ unified: "length" })).toBe("length");
    expect(encodeFinishReason({ unified: "tool-calls", raw: "tool_use" })).toBe("tool_calls");
    expect(encodeFinishReason({ unified: "tool-calls", raw: "function_call" })).toBe("function_call");
    expect(encodeFinishReason({ unified: "content-filter" })).toBe("content_filter");
    expect(encodeFinishReason({ unified: "refusal" })).toBe("stop");
    expect(encodeFinishReason({ unified: "pause" })).toBe("stop");
  });
});
