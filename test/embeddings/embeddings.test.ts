import OpenAI from "openai";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { resolveConfig } from "../../src/config/index.js";
import { createSilentLogger } from "../../src/lib/logger.js";
import { startServer, type RunningServer } from "../../src/server/node.js";
import { createProviders } from "../../src/gateway/create-providers.js";
import { createTestProvider } from "../fake-github/create-test-provider.js";
import { startFakeGithub, type FakeGithub } from "../fake-github/start-fake-github.js";
import { startFakeUpstream } from "../fake-upstream/index.js";
import type { FakeUpstream } from "../fake-upstream/types.js";
import { renderEmbeddings } from "../fake-upstream/render-embeddings.js";

const gatewayKey = "sk-embeddings-gateway";
let upstream: FakeUpstream;
let github: FakeGithub;
let gateway: RunningServer;
let client: OpenAI;

beforeAll(async () => {
  upstream = await startFakeUpstream({ apiKey: "sk-up", models: ["gpt-5.1"] });
  github = await startFakeGithub();
  const config = resolveConfig(
    {
      server: { api_key: gatewayKey, log_level: "silent" },
      providers: {
        local: { type: "openai-compatible", base_url: `${upstream.url}/v1`, api_key: "sk-up", models: ["gpt-5.1"] },
        claude: { type: "anthropic", base_url: upstream.url, api_key: "sk-up", models: ["claude-sonnet-4-5"] },
      },
      models: { "team-embedder": "local/nomic-embed-text", chat: "claude/claude-sonnet-4-5" },
    },
    {},
    { port: 0 },
  );
  const built = createProviders({ config, env: {}, configDir: "/nonexistent", logger: createSilentLogger() });
  const copilot = await createTestProvider(github);
  gateway = await startServer({ config, port: 0, providers: [...built.values(), copilot] });
  client = new OpenAI({ baseURL: `${gateway.url}/v1`, apiKey: gatewayKey, maxRetries: 0 });
});
afterAll(async () => {
  await gateway.close();
  await github.close();
  await upstream.close();
});

/** What the fake computes for `input`, through float32 as the SDK decodes it. */
function expectedVector(input: string, dimensions = 8): number[] {
  const data = renderEmbeddings({ input, dimensions }).data as Array<{ embedding: number[] }>;
  return Array.from(new Float32Array(data[0]!.embedding));
}

describe("POST /v1/embeddings with the official OpenAI SDK", () => {
  it("goes to an OpenAI-compatible provider (Ollama, vLLM, …) with the provider's model id", async () => {
    const result = await client.embeddings.create({ model: "local/nomic-embed-text", input: ["hello", "world"] });
    expect(result.data.map((entry) => entry.index)).toEqual([0, 1]);
    expect(result.data[0]?.embedding).toEqual(expectedVector("hello"));
    expect(result.data[1]?.embedding).toEqual(expectedVector("world"));
    expect(result.usage.prompt_tokens).toBeGreaterThan(0);
    const call = upstream.calls.filter((entry) => entry.api === "openai-embeddings").at(-1);
    expect(call?.body).toMatchObject({
      model: "nomic-embed-text",
      input: ["hello", "world"],
      encoding_format: "base64",
    });
    expect(call?.headers.authorization).toBe("Bearer sk-up");
  });

  it("follows an alias, and passes dimensions and float encoding through", async () => {
    const result = await client.embeddings.create({
      model: "team-embedder",
      input: "routed",
      dimensions: 4,
      encoding_format: "float",
    });
    expect(result.data[0]?.embedding).toEqual(
      (renderEmbeddings({ input: "routed", dimensions: 4 }).data as Array<{ embedding: number[] }>)[0]!.embedding,
    );
  });

  it("goes to GitHub Copilot's embeddings endpoint for its embedding model", async () => {
    const result = await client.embeddings.create({ model: "copilot/text-embedding-3-small", input: "copilot" });
    expect(result.data[0]?.embedding).toEqual(expectedVector("copilot"));
    const call = github.state.apiRequests.filter((entry) => entry.path === "/copilot/embeddings").at(-1);
    expect(call?.body).toMatchObject({ model: "text-embedding-3-small", input: "copilot" });
    expect(call?.headers["copilot-integration-id"]).toBe("vscode-chat");
  });

  it("passes Copilot's refusal of a chat model on as a 400", async () => {
    const failure = client.embeddings.create({ model: "copilot/gpt-4.1", input: "x" });
    await expect(failure).rejects.toBeInstanceOf(OpenAI.BadRequestError);
    await expect(failure).rejects.toThrow(/not supported/);
  });

  it("refuses a provider without embeddings with a 400 naming the providers that have them", async () => {
    const failure = client.embeddings.create({ model: "claude/claude-sonnet-4-5", input: "x" });
    await expect(failure).rejects.toBeInstanceOf(OpenAI.BadRequestError);
    await expect(failure).rejects.toThrow(
      'Provider "claude" (anthropic) has no embeddings endpoint. Embeddings are not offered there. Providers that do: local (openai-compatible), copilot (github-copilot); name a model as provider/model.',
    );
  });

  it("refuses a request without input, and one without the gateway's key, in OpenAI's error shape", async () => {
    const missing = await fetch(`${gateway.url}/v1/embeddings`, {
      method: "POST",
      headers: { authorization: `Bearer ${gatewayKey}`, "content-type": "application/json" },
      body: JSON.stringify({ model: "local/nomic-embed-text" }),
    });
    expect(missing.status).toBe(400);
    expect(((await missing.json()) as { error: { message: string } }).error.message).toBe(
      "Missing required parameter: 'input'.",
    );
    const unkeyed = new OpenAI({ baseURL: `${gateway.url}/v1`, apiKey: "sk-wrong", maxRetries: 0 });
    await expect(unkeyed.embeddings.create({ model: "local/x", input: "x" })).rejects.toBeInstanceOf(
      OpenAI.AuthenticationError,
    );
  });
});
