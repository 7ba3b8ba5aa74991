import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { GatewayError } from "../../errors/gateway-error.js";
import { parseRequestBody } from "./schemas.js";

// Codex-shaped bodies (see real-clients.md) live beside the translator that reads them.
const codexBody = (name: string): unknown =>
  JSON.parse(readFileSync(new URL(`../../translate/openai-responses/__fixtures__/${name}`, import.meta.url), "utf8"));

function failure(body: unknown): GatewayError {
  try {
    parseRequestBody(body);
  } catch (error) {
    if (error instanceof GatewayError) return error;
    throw error;
  }
  throw new Error("expected the body to be rejected");
}

describe("parseRequestBody", () => {
  it.each(["codex-gpt-5.1-codex.1.json", "codex-gpt-5.5.1.json", "codex-gpt-6.1-sol.1.json"])(
    "accepts what Codex sends (%s) and returns the same object, uncopied",
    (name) => {
      const body = codexBody(name);
      expect(parseRequestBody(body)).toBe(body);
    },
  );

  it.each([
    ["an empty list", []],
    ["an empty string", ""],
  ])("refuses %s as input with invalid_request naming `input`", (_name, input) => {
    const error = failure({ model: "gpt-5", input });
    expect(error.code).toBe("invalid_request");
    expect(error.param).toBe("input");
    expect(error.message).toBe("Invalid value for 'input': must not be empty.");
  });

  it("checks text.format, which the translator reads (issue 22: a null format answered 500)", () => {
    expect(failure({ model: "m", input: "x", text: "plain" }).param).toBe("text");
    expect(failure({ model: "m", input: "x", text: { format: 5 } }).param).toBe("text.format");
    expect(failure({ model: "m", input: "x", text: { format: { type: "json_schema" } } }).param).toBe(
      "text.format.name",
    );
    const absent = { model: "m", input: "x", text: { format: null, verbosity: null } };
    expect(parseRequestBody(absent)).toBe(absent);
  });

  it("accepts a plain string input and unknown top-level fields", () => {
    const body = { model: "gpt-5", input: "hi", some_future_field: { x: 1 } };
    expect(parseRequestBody(body)).toBe(body);
  });

  it("lets unknown item types through (configuration_update, tool_search_call)", () => {
    const body = {
      model: "m",
      input: [
        { type: "configuration_update", anything: 1 },
        { type: "tool_search_call", arguments: {} },
      ],
    };
    expect(parseRequestBody(body)).toBe(body);
  });

  it("names the missing field of an item: input.3.call_id", () => {
    const input = [
      { role: "user", content: "a" },
      { type: "message", role: "assistant", content: [{ type: "output_text", text: "b", annotations: [] }] },
      { type: "function_call", call_id: "c1", name: "f", arguments: "{}" },
      { type: "function_call_output", output: "done" },
    ];
    const error = failure({ model: "m", input });
    expect(error.code).toBe("invalid_request");
    expect(error.param).toBe("input.3.call_id");
    expect(error.message).toBe("Missing required parameter: 'input.3.call_id'.");
  });

  it("names nested fields in content parts, tool groups and additional_tools", () => {
    expect(failure({ model: "m", input: [{ role: "user", content: [{ type: "input_text" }] }] }).param).toBe(
      "input.0.content.0.text",
    );
    expect(
      failure({ model: "m", tools: [{ type: "namespace", name: "n", tools: [{ type: "function" }] }] }).param,
    ).toBe("tools.0.tools.0.name");
    expect(
      failure({ model: "m", input: [{ type: "additional_tools", role: "developer", tools: [{ type: "custom" }] }] })
        .param,
    ).toBe("input.0.tools.0.name");
    expect(
      failure({
        model: "m",
        input: [{ type: "custom_tool_call_output", call_id: "c", output: [{ type: "input_text", text: 1 }] }],
      }).param,
    ).toBe("input.0.output.0.text");
  });

  it("rejects a missing model, an item with neither type nor role, and a bad role", () => {
    expect(failure({ input: "x" }).param).toBe("model");
    expect(failure({ model: "m", input: [{ content: "x" }] }).param).toBe("input.0.type");
    expect(failure({ model: "m", input: [{ role: "robot", content: "x" }] }).param).toBe("input.0.role");
    expect(failure("not an object").param).toBeUndefined();
  });
});
