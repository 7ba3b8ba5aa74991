import { describe, expect, it } from "vitest";
import { buildModelTable, defaultDuoModels } from "./models.js";
import { createModelResolver } from "./resolve-model.js";

const seedTable: Array<[duoName: string, backendModel: string, aliases: string[], api: string]> = [
  ["duo-chat-opus-4-6", "claude-opus-4-6", ["opus", "opus-4-6"], "anthropic-messages"],
  ["duo-chat-sonnet-4-6", "claude-sonnet-4-6", ["sonnet-4-6"], "anthropic-messages"],
  ["duo-chat-opus-4-5", "claude-opus-4-5-20251101", ["opus-4-5"], "anthropic-messages"],
  ["duo-chat-sonnet-4-5", "claude-sonnet-4-5-20250929", ["sonnet", "sonnet-4-5"], "anthropic-messages"],
  ["duo-chat-haiku-4-5", "claude-haiku-4-5-20251001", ["haiku", "haiku-4-5"], "anthropic-messages"],
  ["duo-chat-gpt-5-1", "gpt-5.1-2025-11-13", ["gpt-5.1", "gpt-5-1"], "openai-chat"],
  ["duo-chat-gpt-5-2", "gpt-5.2-2025-12-11", ["gpt-5.2", "gpt-5-2"], "openai-chat"],
  ["duo-chat-gpt-5-mini", "gpt-5-mini-2025-08-07", ["gpt-5-mini"], "openai-chat"],
  ["duo-chat-gpt-5-codex", "gpt-5-codex", ["gpt-5-codex"], "openai-responses"],
  ["duo-chat-gpt-5-2-codex", "gpt-5.2-codex", ["codex", "gpt-5.2-codex"], "openai-responses"],
  ["duo-chat-gpt-5-3-codex", "gpt-5.3-codex", ["gpt-5.3-codex"], "openai-responses"],
];

describe("the Duo model table", () => {
  it("holds exactly the seed's rows", () => {
    expect(defaultDuoModels.map((entry) => [entry.duoName, entry.backendModel, entry.aliases, entry.apis[0]])).toEqual(
      seedTable,
    );
  });

  const resolve = createModelResolver(buildModelTable());
  for (const [duoName, backendModel, aliases, api] of seedTable) {
    for (const name of [duoName, backendModel, ...aliases]) {
      it(`resolves ${name} to ${backendModel} over ${api}`, () => {
        const entry = resolve(name);
        expect(entry?.backendModel).toBe(backendModel);
        expect(entry?.apis).toEqual([api]);
      });
    }
  }

  it("accepts the spellings clients use: undated Claude names, dots or dashes, vendor prefixes, any case", () => {
    expect(resolve("claude-sonnet-4-5")?.backendModel).toBe("claude-sonnet-4-5-20250929");
    expect(resolve("claude-haiku-4-5")?.backendModel).toBe("claude-haiku-4-5-20251001");
    expect(resolve("anthropic/claude-opus-4-6")?.backendModel).toBe("claude-opus-4-6");
    expect(resolve("GPT-5.2")?.backendModel).toBe("gpt-5.2-2025-12-11");
    expect(resolve("gpt-5-2-codex")?.backendModel).toBe("gpt-5.2-codex");
  });

  it("serves Claude Code's newer names with the newest Duo model of the same family", () => {
    expect(resolve("claude-opus-4-8")?.backendModel).toBe("claude-opus-4-6");
    expect(resolve("claude-sonnet-5-20260101")?.backendModel).toBe("claude-sonnet-4-6");
    expect(resolve("claude-haiku-4-7")?.backendModel).toBe("claude-haiku-4-5-20251001");
    expect(resolve("gpt-9")).toBeUndefined();
  });

  it("lets config add a model and override an existing one", () => {
    const table = buildModelTable({
      "duo-chat-opus-4-7": { model: "claude-opus-4-7", aliases: ["opus-4-7"] },
      "duo-chat-sonnet-4-5": { aliases: ["s45"] },
      "duo-chat-gpt-5-1": { apis: ["openai-responses", "openai-chat"] },
    });
    const lookup = createModelResolver(table);
    expect(lookup("opus-4-7")).toMatchObject({
      backendModel: "claude-opus-4-7",
      vendor: "anthropic",
      apis: ["anthropic-messages"],
    });
    expect(lookup("s45")?.backendModel).toBe("claude-sonnet-4-5-20250929");
    expect(lookup("sonnet")).toBeUndefined();
    expect(lookup("gpt-5.1")?.apis).toEqual(["openai-responses", "openai-chat"]);
  });

  it("refuses an added model without a backend model id", () => {
    expect(() => buildModelTable({ "duo-chat-new": { aliases: ["new"] } })).toThrow(/needs a "model"/);
  });
});
