import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { replaceModel } from "./replace-model.js";

describe("replaceModel", () => {
  it("rewrites only the top-level model and keeps every other byte", () => {
    const raw = Buffer.from('{"metadata":{"model":"inner"},\n "model" : "claude-opus-4-8", "x": 1.50}');
    expect(replaceModel(raw, "gpt-5").toString()).toBe(
      '{"metadata":{"model":"inner"},\n "model" : "gpt-5", "x": 1.50}',
    );
  });

  it("returns the same buffer when the model is unchanged or absent", () => {
    const raw = Buffer.from('{"model":"same"}');
    expect(replaceModel(raw, "same")).toBe(raw);
    const noModel = Buffer.from('{"messages":[]}');
    expect(replaceModel(noModel, "other")).toBe(noModel);
  });

  it("is not fooled by escaped quotes, model-like strings and escaped keys", () => {
    const raw = Buffer.from('{"a":"\\"model\\":\\"x\\"","b":["model",{"model":1}],"mod\\u0065l":"old\\\\"}');
    const replaced = JSON.parse(replaceModel(raw, 'new"one').toString()) as Record<string, unknown>;
    expect(replaced).toEqual({ a: '"model":"x"', b: ["model", { model: 1 }], model: 'new"one' });
  });

  it("property: the result parses to the same object with only model changed", () => {
    const key = fc.oneof(fc.constantFrom("model", "Model", "models", 'mo"del', "mod\\el", "\u00e9"), fc.string());
    const json = fc.letrec((tie) => ({
      value: fc.oneof(
        { depthSize: "small", withCrossShrink: true },
        fc.oneof(
          fc.string(),
          fc.constantFrom("model", '"model":"x"', "\\", '\\"'),
          fc.double({ noNaN: true, noDefaultInfinity: true }),
          fc.boolean(),
          fc.constant(null),
        ),
        fc.array(tie("value"), { maxLength: 4 }),
        fc.dictionary(key, tie("value"), { maxKeys: 4 }),
      ),
    }));
    fc.assert(
      fc.property(
        fc.dictionary(key, json.value, { maxKeys: 6 }),
        fc.string(),
        fc.string(),
        fc.boolean(),
        (object, oldModel, newModel, pretty) => {
          const withModel: Record<string, unknown> = { ...object, model: oldModel };
          const raw = Buffer.from(JSON.stringify(withModel, null, pretty ? 2 : undefined));
          const result = JSON.parse(replaceModel(raw, newModel).toString()) as Record<string, unknown>;
          // Compared with the original as JSON parses it (JSON has no -0, for one).
          const original = JSON.parse(raw.toString()) as Record<string, unknown>;
          expect(result).toEqual({ ...original, model: newModel });
        },
      ),
      { numRuns: 1000 },
    );
  });
});
