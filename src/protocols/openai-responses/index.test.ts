import { describe, expect, it } from "vitest";
import { protocol } from "./index.js";

describe("protocol", () => {
  it("reads model and stream flag of a validated request", () => {
    const request = protocol.parseRequest({ model: "gpt-6.1-sol", input: "hi", stream: true });
    expect(protocol.api).toBe("openai-responses");
    expect(protocol.requestModel(request)).toBe("gpt-6.1-sol");
    expect(protocol.requestStream(request)).toBe(true);
    expect(protocol.requestStream(protocol.parseRequest({ model: "m" }))).toBe(false);
  });
});
