import { afterEach, describe, expect, it } from "vitest";
import { configFromObject } from "../../src/config/load-config.js";
import { anthropicMessage, fakeProvider, jsonResponse } from "../../src/gateway/testing/fake-provider.js";
import { createSilentLogger } from "../../src/lib/logger.js";
import { startServer, type RunningServer } from "../../src/server/node.js";
import { createMemoryUsageSink } from "../../src/store/log-usage-sink.js";
import { openUsageStore } from "../../src/store/open-usage-store.js";
import { baseStoreOptions } from "../../src/store/testing/test-engines.js";
import type { UsageStore } from "../../src/store/usage-store.js";

const adminKey = "sk-admin-refusal-rows";
const running: RunningServer[] = [];

afterEach(async () => {
  for (const server of running.splice(0)) await server.close();
});

async function start(): Promise<{ server: RunningServer; store: UsageStore }> {
  const provider = fakeProvider({
    id: "up",
    models: [{ id: "model-a", apis: ["anthropic-messages", "openai-responses"] }],
    respond: () => jsonResponse(anthropicMessage("Hello", { input_tokens: 3, output_tokens: 1 })),
  });
  const config = configFromObject({
    server: { api_key: adminKey, body_limit_mb: 1 },
    models: { sonnet: "up/model-a" },
  });
  const logger = createSilentLogger();
  const store = await openUsageStore({ store: baseStoreOptions({ flushIntervalMs: 50 }), logger });
  const server = await startServer({
    config,
    port: 0,
    host: "127.0.0.1",
    providers: [provider],
    usageStore: store,
    usageSink: createMemoryUsageSink(),
    logger,
  });
  running.push(server);
  return { server, store };
}

// What the two tools send on every request (see real-clients.md).
const claudeCode = {
  "user-agent": "claude-cli/2.1.197 (external, cli)",
  "x-claude-code-session-id": "0b4a6c1e-claude-session",
  "anthropic-version": "2023-06-01",
};
const codex = {
  "user-agent": "codex_exec/0.169.0 (Ubuntu 24.4.0; x86_64) xterm-256color (codex-exec; 0.169.0)",
  session_id: "019ae2c4-codex-session",
};

describe("requests refused before the gateway sees them", () => {
  it("are recorded with the client and session their headers name: 401, 413 and malformed JSON", async () => {
    const { server, store } = await start();
    const post = (path: string, headers: Record<string, string>, body: string) =>
      fetch(`${server.url}${path}`, {
        method: "POST",
        headers: { "content-type": "application/json", ...headers },
        body,
      });

    const wrongKey = await post("/v1/messages", { ...claudeCode, "x-api-key": "sk-wrong-key" }, "{}");
    expect(wrongKey.status).toBe(401);
    const tooLarge = await post(
      "/v1/responses",
      { ...codex, authorization: `Bearer ${adminKey}` },
      JSON.stringify({ model: "sonnet", input: "x".repeat(2 * 1024 * 1024) }),
    );
    expect(tooLarge.status).toBe(413);
    const malformed = await post("/v1/messages", { ...claudeCode, "x-api-key": adminKey }, "{ not json");
    expect(malformed.status).toBe(400);
    await store.flush();

    const list = await fetch(`${server.url}/api/requests?limit=10`, {
      headers: { authorization: `Bearer ${adminKey}` },
    });
    const rows = ((await list.json()) as { requests: Array<Record<string, unknown>> }).requests;
    const byStatus = Object.fromEntries(rows.map((row) => [String(row["status"]), row]));
    expect(byStatus["401"]).toMatchObject({ client: "claude-code", session_id: "0b4a6c1e-claude-session" });
    expect(byStatus["413"]).toMatchObject({ client: "codex", session_id: "019ae2c4-codex-session" });
    expect(byStatus["400"]).toMatchObject({ client: "claude-code", session_id: "0b4a6c1e-claude-session" });
    expect(rows).toHaveLength(3);

    // The session's total counts its refusals.
    const usage = await fetch(`${server.url}/api/usage?group_by=session`, {
      headers: { authorization: `Bearer ${adminKey}` },
    });
    const report = (await usage.json()) as { rows: Array<Record<string, unknown>> };
    expect(report.rows).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ key: "0b4a6c1e-claude-session", requests: 2, errors: 2 }),
        expect.objectContaining({ key: "019ae2c4-codex-session", requests: 1, errors: 1 }),
      ]),
    );
  });
});
