import { describe, expect, it } from "vitest";
import { decodeStatus, encodeStatus } from "./map-status.js";

describe("decodeStatus", () => {
  it("completed is stop, or tool-calls when the output called tools", () => {
    expect(decodeStatus({ status: "completed", hasToolCalls: false })).toEqual({ unified: "stop", raw: "completed" });
    expect(decodeStatus({ status: "completed", hasToolCalls: true })).toEqual({
      unified: "tool-calls",
      raw: "completed",
    });
  });

  it("incomplete reasons become length and content-filter", () => {
    expect(decodeStatus({ status: "incomplete", incompleteReason: "max_output_tokens", hasToolCalls: false })).toEqual({
      unified: "length",
      raw: "incomplete:max_output_tokens",
    });
    expect(decodeStatus({ status: "incomplete", incompleteReason: "content_filter", hasToolCalls: true })).toEqual({
      unified: "content-filter",
      raw: "incomplete:content_filter",
    });
    expect(decodeStatus({ status: "incomplete", hasToolCalls: false }).unified).toBe("other");
    expect(decodeStatus({ status: "failed", hasToolCalls: false }).unified).toBe("error");
  });
});

describe("encodeStatus", () => {
  it("maps each finish reason onto a status", () => {
    expect(encodeStatus({ unified: "stop" })).toEqual({ status: "completed" });
    expect(encodeStatus({ unified: "tool-calls" })).toEqual({ status: "completed" });
    expect(encodeStatus({ unified: "length" })).toEqual({
      status: "incomplete",
      incompleteReason: "max_output_tokens",
    });
    expect(encodeStatus({ unified: "content-filter" })).toEqual({
      status: "incomplete",
      incompleteReason: "content_filter",
    });
    expect(encodeStatus({ unified: "refusal" })).toEqual({ status: "completed" });
  });
});
