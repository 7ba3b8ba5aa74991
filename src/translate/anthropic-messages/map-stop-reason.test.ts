import { describe, expect, it } from "vitest";
import { decodeStopReason, encodeStopReason } from "./map-stop-reason.js";

describe("Anthropic stop reasons", () => {
  it.each([
    ["end_turn", "stop"],
    ["max_tokens", "length"],
    ["stop_sequence", "stop"],
    ["tool_use", "tool-calls"],
    ["pause_turn", "pause"],
    ["refusal", "refusal"],
    ["model_context_window_exceeded", "length"],
  ] as const)("%s ↔ %s, round trip", (raw, unified) => {
    const decoded = decodeStopReason(raw, raw === "stop_sequence" ? "###" : null);
    expect(decoded.unified).toBe(unified);
    expect(decoded.raw).toBe(raw);
    expect(encodeStopReason(decoded)).toBe(raw);
  });

  it("keeps the stop sequence", () => {
    expect(decodeStopReason("stop_sequence", "END")).toEqual({
      unified: "stop",
      raw: "stop_sequence",
      stopSequence: "END",
    });
  });

  it("encodes other protocols' reasons", () => {
    expect(encodeStopReason({ unified: "stop", raw: "stop" })).toBe("end_turn");
    expect(encodeStopReason({ unified: "stop", stopSequence: "x" })).toBe("stop_sequence");
    expect(encodeStopReason({ unified: "length", raw: "length" })).toBe("max_tokens");
    expect(encodeStopReason({ unified: "tool-calls", raw: "tool_calls" })).toBe("tool_use");
    expect(encodeStopReason({ unified: "content-filter", raw: "content_filter" })).toBe("refusal");
    expect(encodeStopReason({ unified: "other" })).toBe("end_turn");
  });

  it("treats an unknown or missing value as other", () => {
    expect(decodeStopReason("compaction", null).unified).toBe("other");
    expect(decodeStopReason(null, null)).toEqual({ unified: "other" });
  });
});
