import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { configFromObject } from "../../src/config/load-config.js";
import { anthropicMessage, fakeProvider, jsonResponse } from "../../src/gateway/testing/fake-provider.js";
import { createSilentLogger } from "../../src/lib/logger.js";
import type { Provider } from "../../src/providers/provider.js";
import { startServer, type RunningServer } from "../../src/server/node.js";
import { createMemoryUsageSink } from "../../src/store/log-usage-sink.js";
import { createTestProvider } from "../fake-github/create-test-provider.js";
import { startFakeGithub, type FakeGithub } from "../fake-github/start-fake-github.js";

// A key's Copilot premium-request allowance, through the gateway, against the fake Copilot (whose
// `/models` gives claude-sonnet-4.5 a multiplier of 1 and gpt-4.1 none, as GitHub's does on paid plans).
const master = "sk-premium-allowance-master";
let github: FakeGithub;
let gateway: RunningServer;
const usage = createMemoryUsageSink();

beforeAll(async () => {
  github = await startFakeGithub();
  const copilot = await createTestProvider(github, { config: { min_request_interval_ms: 0 } });
  const other: Provider = fakeProvider({
    id: "other",
    models: [{ id: "claude-sonnet-4-5", apis: ["anthropic-messages"] }],
    respond: () => jsonResponse(anthropicMessage("Hi", { input_tokens: 1, output_tokens: 1 })),
  });
  gateway = await startServer({
    config: configFromObject({ server: { api_key: master } }),
    port: 0,
    host: "127.0.0.1",
    providers: [copilot, other],
    usageSink: usage,
    logger: createSilentLogger(),
  });
});
afterAll(async () => {
  await gateway?.close();
  await github?.close();
});

async function createKey(body: Record<string, unknown>): Promise<string> {
  const response = await fetch(`${gateway.url}/api/keys`, {
    method: "POST",
    headers: { authorization: `Bearer ${master}`, "content-type": "application/json" },
    body: JSON.stringify(body),
  });
  expect(response.status).toBe(201);
  return ((await response.json()) as { key: string }).key;
}

const userTurn = [{ role: "user", content: "Read the file." }];
// The answer to a tool call: the agent's turn, which Copilot does not count.
const agentTurn = [
  ...userTurn,
  { role: "assistant", content: [{ type: "tool_use", id: "toolu_1", name: "Read", input: { path: "a" } }] },
  { role: "user", content: [{ type: "tool_result", tool_use_id: "toolu_1", content: "hello" }] },
];

function messages(key: string, model: string, turn: unknown[]) {
  return fetch(`${gateway.url}/v1/messages`, {
    method: "POST",
    headers: { "x-api-key": key, "content-type": "application/json", "anthropic-version": "2023-06-01" },
    body: JSON.stringify({
      model,
      max_tokens: 100,
      tools: [{ name: "Read", input_schema: { type: "object" } }],
      messages: turn,
    }),
  });
}

describe("a key's premium-request allowance", () => {
  it("counts a user's turn × the model's multiplier, and once used up refuses only what would spend more", async () => {
    const key = await createKey({ name: "premium", premium_requests: "2/month" });
    for (let turn = 1; turn <= 2; turn += 1) {
      const answered = await messages(key, "copilot/claude-sonnet-4.5", userTurn);
      expect(answered.status, await answered.clone().text()).toBe(200);
      await answered.text();
      // Copilot's cost report for each turn (user × 1) is what the allowance counts.
      await vi.waitFor(() => expect(usage.records.filter((record) => record.premiumSpent === 1)).toHaveLength(turn));
    }

    const refused = await messages(key, "copilot/claude-sonnet-4.5", userTurn);
    expect(refused.status).toBe(429);
    expect(refused.headers.get("x-should-retry")).toBe("false");
    const error = ((await refused.json()) as { type: string; error: { type: string; message: string } }).error;
    expect(error.type).toBe("rate_limit_error");
    expect(error.message).toContain("has used up its allowance of 2 premium requests per month");

    // What spends no premium request still works: the tool loop the user's turn started, a model
    // Copilot does not bill (multiplier 0), and another upstream.
    const loop = await messages(key, "copilot/claude-sonnet-4.5", agentTurn);
    expect(loop.status, await loop.clone().text()).toBe(200);
    const free = await messages(key, "copilot/gpt-4.1", userTurn);
    expect(free.status, await free.clone().text()).toBe(200);
    const elsewhere = await messages(key, "other/claude-sonnet-4-5", userTurn);
    expect(elsewhere.status, await elsewhere.clone().text()).toBe(200);
    await Promise.all([loop.text(), free.text(), elsewhere.text()]);
  });
});
