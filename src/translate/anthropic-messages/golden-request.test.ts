import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { protocol } from "../../protocols/anthropic-messages/index.js";
import { decodeRequest } from "./decode-request.js";
import { encodeRequest } from "./encode-request.js";

// Provenance: __fixtures__/anthropic-claude-code-request.1.json is synthetic (see its "//" field).
const path = fileURLToPath(new URL("./__fixtures__/anthropic-claude-code-request.1.json", import.meta.url));
const body = JSON.parse(readFileSync(path, "utf8")) as Record<string, unknown>;
delete body["//"];

describe("golden Claude Code request", () => {
  it("passes validation and decodes to the IR", () => {
    const decoded = decodeRequest(protocol.parseRequest(body));
    expect(decoded.warnings).toEqual([]);
    expect(decoded.request).toMatchSnapshot();
  });

  it("re-encodes for Opus 4.8 as it came (string contents become text blocks)", () => {
    const { body: encoded, warnings } = encodeRequest(decodeRequest(body).request, { model: "claude-opus-4-8" });
    expect(warnings).toEqual([]);
    const messages = [
      ...(body.messages as object[]).slice(0, -1),
      { role: "system", content: [{ type: "text", text: "The user is running in non-interactive mode." }] },
    ];
    expect(JSON.parse(JSON.stringify(encoded))).toEqual({ ...body, messages });
  });

  it("encodes for Sonnet 4.5 with what that model takes, and says what changed", () => {
    const { body: encoded, warnings } = encodeRequest(decodeRequest(body).request, {
      model: "claude-sonnet-4-5-20250929",
    });
    expect({ body: encoded, warnings }).toMatchSnapshot();
  });
});
