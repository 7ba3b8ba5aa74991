import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  gatewayErrorOf,
  readText,
  startFakeUpstream,
  testProviderContext,
  upstreamRequest,
  type FakeReply,
  type FakeUpstream,
} from "../../../test/fake-upstream/index.js";
import { createOpenAiCompatibleProvider } from "./create-openai-compatible-provider.js";

let fake: FakeUpstream;
let reply: FakeReply = { text: "hi" };

beforeAll(async () => {
  fake = await startFakeUpstream({ apiKey: "local-key", script: () => reply, models: ["llama3.2:3b", "qwen3:8b"] });
});
afterAll(() => fake.close());

const chatBody = { model: "llama3.2:3b", messages: [{ role: "user", content: "hi" }] };

describe("openai-compatible provider", () => {
  it("sends Chat with the key and extra headers; models come from GET /models with Chat only", async () => {
    const provider = createOpenAiCompatibleProvider(
      "local",
      { base_url: `${fake.url}/v1`, api_key: "local-key", headers: { "x-team": "blue" } },
      testProviderContext(),
    );
    reply = { text: "hello" };
    const response = await provider.send(upstreamRequest({ api: "openai-chat", body: chatBody }));
    expect(JSON.parse(await readText(response.body))).toMatchObject({ choices: [{ message: { content: "hello" } }] });
    expect(fake.calls.at(-1)?.headers["x-team"]).toBe("blue");
    const models = await provider.listModels();
    expect(models).toEqual([
      { id: "llama3.2:3b", apis: ["openai-chat"] },
      { id: "qwen3:8b", apis: ["openai-chat"] },
    ]);
    expect((await provider.resolveModel("QWEN3:8B"))?.id).toBe("qwen3:8b");
  });

  it("takes the APIs a server speaks from `apis:`", async () => {
    const provider = createOpenAiCompatibleProvider(
      "vllm",
      {
        base_url: `${fake.url}/v1`,
        api_key: "local-key",
        apis: ["openai-responses", "openai-chat"],
        models: ["qwen3:8b"],
      },
      testProviderContext(),
    );
    expect(await provider.listModels()).toEqual([{ id: "qwen3:8b", apis: ["openai-responses", "openai-chat"] }]);
    reply = { text: "hi" };
    await provider.send(upstreamRequest({ api: "openai-responses", body: { model: "qwen3:8b", input: "hi" } }));
    expect(fake.calls.at(-1)?.path).toBe("/v1/responses");
  });

  it("sends no authorization header without a key", async () => {
    const provider = createOpenAiCompatibleProvider(
      "ollama",
      { preset: "ollama", base_url: `${fake.url}/v1` },
      testProviderContext(),
    );
    // The fake wants a key, so this one is refused; what matters is what was sent.
    const error = await gatewayErrorOf(provider.send(upstreamRequest({ api: "openai-chat", body: chatBody })));
    expect(fake.calls.at(-1)?.headers.authorization).toBeUndefined();
    expect(error.code).toBe("upstream_authentication");
  });

  it("applies a preset's defaults, which the config overrides", async () => {
    const provider = createOpenAiCompatibleProvider(
      "router",
      { preset: "openrouter", base_url: `${fake.url}/v1`, headers: { "X-Title": "My tool" } },
      testProviderContext({ env: { OPENROUTER_API_KEY: "local-key" } }),
    );
    reply = { text: "hi" };
    await provider.send(upstreamRequest({ api: "openai-chat", body: chatBody }));
    const headers = fake.calls.at(-1)?.headers;
    expect(headers?.["http-referer"]).toContain("switchboard");
    expect(headers?.["x-title"]).toBe("My tool");
    expect(headers?.authorization).toBe("Bearer local-key");
  });

  it("names the key at fault in its config", () => {
    expect(() => createOpenAiCompatibleProvider("x", {}, testProviderContext())).toThrow(
      /provider "x": base_url: required/,
    );
    expect(() => createOpenAiCompatibleProvider("x", { preset: "openrouter" }, testProviderContext())).toThrow(
      /provider "x": api_key: required for openrouter \(set api_key or OPENROUTER_API_KEY\)/,
    );
    expect(() => createOpenAiCompatibleProvider("x", { preset: "lmstudio" }, testProviderContext())).toThrow(
      /provider "x": preset:/,
    );
    expect(() =>
      createOpenAiCompatibleProvider("x", { base_url: "http://h", apis: [] }, testProviderContext()),
    ).toThrow(/provider "x": apis:/);
    expect(() => createOpenAiCompatibleProvider("x", { preset: "ollama" }, testProviderContext())).not.toThrow();
  });

  it("reports the upstream's faults as the router needs them", async () => {
    const provider = createOpenAiCompatibleProvider(
      "flaky",
      {
        base_url: `${fake.url}/v1`,
        api_key: "local-key",
        models: ["m"],
        timeouts: { first_byte_ms: 100, idle_ms: 100 },
      },
      testProviderContext(),
    );
    const send = (body: unknown) => provider.send(upstreamRequest({ api: "openai-chat", body }));
    reply = { fault: "reset" };
    expect((await gatewayErrorOf(send(chatBody))).code).toBe("upstream_unavailable");
    reply = { fault: "hang-before-headers" };
    expect((await gatewayErrorOf(send(chatBody))).code).toBe("upstream_timeout");
    reply = { fault: "hang-mid-stream", text: "a longer answer in several pieces" };
    const response = await send({ ...chatBody, stream: true });
    const error = await gatewayErrorOf(readText(response.body));
    expect(error.code).toBe("upstream_timeout");
  });

  it("cancels the upstream call when the client goes away", async () => {
    const provider = createOpenAiCompatibleProvider(
      "p",
      { base_url: `${fake.url}/v1`, api_key: "local-key" },
      testProviderContext(),
    );
    const controller = new AbortController();
    reply = { fault: "hang-before-headers" };
    const pending = provider.send(upstreamRequest({ api: "openai-chat", body: chatBody, signal: controller.signal }));
    controller.abort();
    expect((await gatewayErrorOf(pending)).code).toBe("client_closed");
  });
});
