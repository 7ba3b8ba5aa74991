import { afterEach, describe, expect, it } from "vitest";
import { createTestProvider } from "../../../test/fake-github/create-test-provider.js";
import { startFakeGithub, type FakeGithub } from "../../../test/fake-github/start-fake-github.js";
import { modelNameKey } from "./resolve-copilot-model.js";

let fake: FakeGithub | undefined;
afterEach(async () => {
  await fake?.close();
  fake = undefined;
});

describe("Copilot's models", () => {
  it("are listed with limits, native APIs first, billing, and without embeddings", async () => {
    fake = await startFakeGithub();
    const provider = await createTestProvider(fake);
    const models = await provider.listModels();
    expect(models.map((model) => model.id)).toEqual([
      "claude-sonnet-4.5",
      "claude-opus-4.8",
      "gpt-5.1-codex",
      "gpt-4.1",
    ]);
    expect(models[0]).toEqual({
      id: "claude-sonnet-4.5",
      apis: ["anthropic-messages", "openai-chat"],
      aliases: ["claude-sonnet-4-5"],
      displayName: "Claude Sonnet 4.5",
      contextWindow: 200000,
      maxOutputTokens: 32000,
      billing: { multiplier: 1, premium: true },
      capabilities: { vision: true, tools: true, reasoning: true },
    });
    // Listed so that the user learns of it, but marked: Copilot refuses it until the user enables it.
    expect(models[0]?.notEnabled).toBeUndefined();
    expect(models[1]?.notEnabled).toEqual({
      state: "unconfigured",
      fix: "enable it at https://github.com/settings/copilot/features (or ask your organisation's admin to allow it)",
    });
    // No policy field at all: nothing to accept, usable as listed.
    expect(models[3]?.notEnabled).toBeUndefined();
    expect(models[2]?.apis).toEqual(["openai-responses"]);
    expect(models[3]?.apis).toEqual(["openai-chat"]);
    expect(models[3]?.billing).toEqual({ multiplier: 0, premium: false });
    await provider.listModels();
    expect(fake.state.apiRequests.filter((request) => request.path === "/copilot/models")).toHaveLength(1);
  });

  it("are found under the names clients use", async () => {
    fake = await startFakeGithub();
    const provider = await createTestProvider(fake, { env: { GITHUB_COPILOT_MODEL: "gpt-4.1" } });
    const resolve = async (name: string) => (await provider.resolveModel(name))?.id;
    expect(await resolve("claude-sonnet-4-5-20250929")).toBe("claude-sonnet-4.5");
    expect(await resolve("claude-sonnet-4-5")).toBe("claude-sonnet-4.5");
    expect(await resolve("claude-opus-4-8")).toBe("claude-opus-4.8");
    expect(await resolve("claude-opus-4-8[1m]")).toBe("claude-opus-4.8");
    expect(await resolve("github_copilot/gpt-5.1-codex")).toBe("gpt-5.1-codex");
    expect(await resolve("github/gpt-4.1")).toBe("gpt-4.1");
    expect(await resolve("copilot-gpt-4.1")).toBe("gpt-4.1");
    expect(await resolve("copilot/claude-sonnet-4.5")).toBe("claude-sonnet-4.5");
    expect(await resolve("gpt-4-1-2025-04-14")).toBe("gpt-4.1");
    expect(await resolve("claude-haiku-4-5-20251001")).toBeUndefined();
    expect(provider.defaultModel).toBe("gpt-4.1");
  });

  it("serve a Claude name the account does not offer with the newest model of its family", async () => {
    fake = await startFakeGithub();
    const provider = await createTestProvider(fake);
    const resolve = async (name: string) => (await provider.resolveModel(name))?.id;
    expect(await resolve("claude-opus-4-9")).toBe("claude-opus-4.8");
    expect(await resolve("claude-sonnet-5")).toBe("claude-sonnet-4.5");
    expect(await resolve("claude-opus")).toBe("claude-opus-4.8");
    // No haiku is offered: nothing of another family stands in silently.
    expect(await resolve("claude-haiku-4-5")).toBeUndefined();
    expect(await resolve("gpt-9")).toBeUndefined();
  });

  it("keys names without dates, prefixes and dashed versions", () => {
    expect(modelNameKey("claude-3-5-sonnet-latest")).toBe("claude-3.5-sonnet");
    expect(modelNameKey("gpt-5-1-codex")).toBe("gpt-5.1-codex");
    expect(modelNameKey("gpt-4o-2024-11-20")).toBe("gpt-4o");
    expect(modelNameKey("claude-sonnet-4-20250514")).toBe("claude-sonnet-4");
  });
});
