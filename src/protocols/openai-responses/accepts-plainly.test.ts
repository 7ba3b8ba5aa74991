import { describe, expect, it } from "vitest";
import { acceptsPlainly } from "./accepts-plainly.js";
import { requestSchema } from "./schemas.js";

/** A Codex-shaped body touching every item, part and tool kind the check looks at. */
const realistic = {
  model: "gpt-5.1-codex",
  instructions: "You are Codex.",
  stream: true,
  max_output_tokens: 4096,
  tools: [
    { type: "function", name: "shell", parameters: { type: "object" } },
    { type: "custom", name: "apply_patch", format: { type: "grammar" } },
    { type: "namespace", name: "mcp", tools: [{ type: "function", name: "search" }] },
    { type: "web_search" },
  ],
  input: [
    { type: "message", role: "developer", content: [{ type: "input_text", text: "rules" }] },
    { role: "user", content: "hello" },
    {
      type: "message",
      role: "user",
      content: [
        { type: "input_text", text: "see" },
        { type: "input_image", image_url: "data:image/png;base64,AAAA" },
        { type: "input_file", file_id: "file_1" },
      ],
    },
    { type: "reasoning", summary: [{ type: "summary_text", text: "thinking" }], encrypted_content: "x" },
    {
      type: "message",
      role: "assistant",
      content: [
        { type: "output_text", text: "ok" },
        { type: "refusal", refusal: "no" },
      ],
    },
    { type: "function_call", call_id: "c1", name: "shell", arguments: "{}" },
    { type: "function_call_output", call_id: "c1", output: [{ type: "input_text", text: "done" }] },
    { type: "custom_tool_call", call_id: "c2", name: "apply_patch", input: "*** Begin Patch" },
    { type: "custom_tool_call_output", call_id: "c2", output: "applied" },
    { type: "additional_tools", tools: [{ type: "function", name: "late" }] },
    { type: "compaction", encrypted_content: "opaque" },
  ],
};

/** Every path in a JSON value, as a list of keys. */
function paths(value: unknown, prefix: Array<string | number> = []): Array<Array<string | number>> {
  if (typeof value !== "object" || value === null) return [prefix];
  const entries = Array.isArray(value) ? value.map((item, index) => [index, item] as const) : Object.entries(value);
  return [prefix, ...entries.flatMap(([key, item]) => paths(item, [...prefix, key]))];
}

function withValue(body: unknown, path: Array<string | number>, value: unknown): unknown {
  const copy = structuredClone(body) as Record<string | number, unknown>;
  if (path.length === 0) return value;
  let parent = copy;
  for (const key of path.slice(0, -1)) parent = parent[key] as Record<string | number, unknown>;
  const last = path[path.length - 1] as string | number;
  if (value === undefined) delete parent[last];
  else parent[last] = value;
  return copy;
}

describe("openai-responses acceptsPlainly", () => {
  it("accepts a realistic Codex body, which the schema accepts too", () => {
    expect(acceptsPlainly(realistic)).toBe(true);
    expect(requestSchema.safeParse(realistic).success).toBe(true);
  });

  it("never accepts a body the schema refuses, whatever value replaces or removes any field", () => {
    const replacements = [
      undefined,
      null,
      42,
      1.5,
      -1,
      "",
      "x",
      "message",
      "function",
      "namespace",
      true,
      [],
      [{}],
      {},
    ];
    let checked = 0;
    for (const path of paths(realistic)) {
      for (const replacement of replacements) {
        const body = withValue(realistic, path, replacement);
        if (acceptsPlainly(body)) {
          expect({ path, replacement, accepted: requestSchema.safeParse(body).success }).toEqual({
            path,
            replacement,
            accepted: true,
          });
        }
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(500);
  });
});
