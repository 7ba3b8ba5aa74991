import { describe, expect, it } from "vitest";
import { formatDataUrl, parseDataUrl } from "./data-url.js";
import { isRecord } from "./is-record.js";
import { parseJson } from "./parse-json.js";
import { randomId } from "./random-id.js";

describe("parseDataUrl", () => {
  it("reads the media type and the data, and formatDataUrl writes them back", () => {
    expect(parseDataUrl("data:image/png;base64,iVBO")).toEqual({ mediaType: "image/png", data: "iVBO" });
    expect(parseDataUrl("data:application/pdf;name=a.pdf;base64,JVBE")).toEqual({
      mediaType: "application/pdf",
      data: "JVBE",
    });
    expect(formatDataUrl("image/png", "iVBO")).toBe("data:image/png;base64,iVBO");
  });

  it("leaves the media type to the caller when the URL names none, and refuses other URLs", () => {
    expect(parseDataUrl("data:;base64,AAAA")).toEqual({ mediaType: undefined, data: "AAAA" });
    expect(parseDataUrl("https://example.com/a.png")).toBeUndefined();
    expect(parseDataUrl("data:text/plain,hello")).toBeUndefined();
  });
});

describe("small helpers", () => {
  it("isRecord accepts objects only", () => {
    expect([{}, { a: 1 }].every(isRecord)).toBe(true);
    expect([null, [], "x", 1, undefined].some(isRecord)).toBe(false);
  });

  it("parseJson answers undefined for text that is not JSON", () => {
    expect(parseJson('{"a":1}')).toEqual({ a: 1 });
    expect(parseJson("{broken")).toBeUndefined();
    expect(parseJson("")).toBeUndefined();
  });

  it("randomId is the prefix and 32 hex digits, fresh each time", () => {
    expect(randomId("msg_")).toMatch(/^msg_[0-9a-f]{32}$/);
    expect(randomId("msg_")).not.toBe(randomId("msg_"));
  });
});
