import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { configFromObject } from "../../src/config/load-config.js";
import { anthropicMessage, fakeProvider, jsonResponse } from "../../src/gateway/testing/fake-provider.js";
import { createSilentLogger } from "../../src/lib/logger.js";
import { startServer, type RunningServer } from "../../src/server/node.js";
import { createMemoryUsageSink } from "../../src/store/log-usage-sink.js";
import { openUsageStore } from "../../src/store/open-usage-store.js";
import { sampleRecord } from "../../src/store/testing/sample-record.js";
import { baseStoreOptions } from "../../src/store/testing/test-engines.js";

const adminKey = "sk-admin-test-key";
const running: Array<{ server: RunningServer; folder: string }> = [];

afterEach(async () => {
  for (const { server, folder } of running.splice(0)) {
    await server.close();
    rmSync(folder, { recursive: true, force: true });
  }
});

async function start(storeOverrides: Parameters<typeof baseStoreOptions>[0] = {}) {
  const folder = mkdtempSync(join(tmpdir(), "switchboard-usage-api-"));
  const provider = fakeProvider({
    id: "copilot",
    models: [{ id: "claude-sonnet-4.5", apis: ["anthropic-messages"] }],
    respond: (request) => {
      const response = jsonResponse(anthropicMessage("Hello", { input_tokens: 30, output_tokens: 7 }));
      // What the Copilot provider puts on every answer: who started the turn and the model's multiplier.
      const initiator = request.context.initiator;
      response.exposeHeaders = {
        "x-switchboard-copilot-cost": `initiator=${initiator}; model=claude-sonnet-4.5; multiplier=1`,
      };
      return response;
    },
  });
  const config = configFromObject({ server: { api_key: adminKey }, models: { sonnet: "copilot/claude-sonnet-4.5" } });
  const logger = createSilentLogger();
  const usageStore = await openUsageStore({
    store: baseStoreOptions({ path: join(folder, "usage.sqlite"), flushIntervalMs: 50, ...storeOverrides }),
    logger,
  });
  const server = await startServer({
    config,
    port: 0,
    host: "127.0.0.1",
    providers: [provider],
    usageStore,
    usageSink: createMemoryUsageSink(),
    logger,
  });
  running.push({ server, folder });
  return { server, store: usageStore };
}

const admin = { authorization: `Bearer ${adminKey}` };

function sendMessage(url: string, messages: unknown[]) {
  return fetch(`${url}/v1/messages`, {
    method: "POST",
    headers: {
      "content-type": "application/json",
      "x-api-key": adminKey,
      "anthropic-version": "2023-06-01",
      "user-agent": "claude-cli/2.1.197 (external, cli)",
      "x-claude-code-session-id": "5f0c7a2e-claude-session",
    },
    body: JSON.stringify({ model: "sonnet", max_tokens: 100, messages }),
  });
}

describe("the usage admin API", () => {
  it("lists and sums what went through the gateway: client, session, route, premium requests spent and saved", async () => {
    const { server, store } = await start();
    const first = await sendMessage(server.url, [{ role: "user", content: "hi" }]);
    expect(first.status).toBe(200);
    const toolResult = [
      { role: "user", content: "hi" },
      { role: "assistant", content: [{ type: "tool_use", id: "t1", name: "read", input: {} }] },
      { role: "user", content: [{ type: "tool_result", tool_use_id: "t1", content: "ok" }] },
    ];
    expect((await sendMessage(server.url, toolResult)).status).toBe(200);
    await store.flush();

    const list = await fetch(`${server.url}/api/requests?limit=10`, { headers: admin });
    expect(list.status).toBe(200);
    const page = (await list.json()) as { requests: Array<Record<string, unknown>>; next_before: string | null };
    expect(page.requests).toHaveLength(2);
    // The tool-result turn is the agent's: Copilot bills it nothing, where a user-marked one costs the multiplier.
    const byInitiator = Object.fromEntries(page.requests.map((row) => [String(row["initiator"]), row]));
    expect(byInitiator["user"]).toMatchObject({ premium_spent: 1, premium_saved: 0 });
    expect(byInitiator["agent"]).toMatchObject({ premium_spent: 0, premium_saved: 1 });
    expect(page.requests[0]).toMatchObject({
      client: "claude-code",
      session_id: "5f0c7a2e-claude-session",
      route: "sonnet",
      model: "claude-sonnet-4.5",
      provider: "copilot",
      input_tokens: 30,
      output_tokens: 7,
      status: 200,
    });
    expect(page.next_before).toBeNull();

    const id = String(byInitiator["user"]?.["id"]);
    const whole = await fetch(`${server.url}/api/requests/${id}`, { headers: admin });
    expect(await whole.json()).toMatchObject({ requestId: id, initiator: "user", clientVersion: "2.1.197" });
    const missing = await fetch(`${server.url}/api/requests/req_nope`, { headers: admin });
    expect(missing.status).toBe(404);

    const usage = await fetch(`${server.url}/api/usage?group_by=session`, { headers: admin });
    const report = (await usage.json()) as { rows: Array<Record<string, unknown>>; totals: Record<string, unknown> };
    expect(report.rows).toEqual([
      expect.objectContaining({ key: "5f0c7a2e-claude-session", requests: 2, premium_spent: 1, premium_saved: 1 }),
    ]);

    store.recordQuota({
      provider: "copilot",
      takenAt: Date.now() - 1000,
      entitlement: 300,
      remaining: 240,
      unlimited: false,
    });
    await store.flush();
    const quota = await fetch(`${server.url}/api/quota?provider=copilot`, { headers: admin });
    expect(await quota.json()).toMatchObject({
      snapshots: [{ provider: "copilot", entitlement: 300, remaining: 240, unlimited: false }],
    });

    const metrics = await fetch(`${server.url}/metrics`, { headers: admin });
    const text = await metrics.text();
    expect(text).toMatch(
      /switchboard_requests_total\{route="sonnet",provider="copilot",model="claude-sonnet-4.5",status="200"\} 2/,
    );
    expect(text).toMatch(/switchboard_copilot_premium_requests_total\{model="claude-sonnet-4.5",kind="saved"\} 1/);
    expect(text).toMatch(/switchboard_tokens_total\{provider="copilot",model="claude-sonnet-4.5",kind="input"\} 60/);
    expect(text).toContain("switchboard_store_queue_depth 0");
    expect(text).toContain("switchboard_time_to_first_byte_seconds_bucket");
  });

  it("gives the p50 time to first token and tokens per second per model and hour, or per day for a week", async () => {
    const { server, store } = await start();
    const hour = 3_600_000;
    const thisHour = Date.now() - (Date.now() % hour);
    const from = new Date(thisHour).toISOString();
    expect((await sendMessage(server.url, [{ role: "user", content: "hi" }])).status).toBe(200);
    // A streamed answer as the gateway records one: 250 tokens in the 500 ms after a 100 ms first byte.
    store.record(
      sampleRecord({
        startedAt: from,
        upstreamModel: "gpt-5-mini",
        provider: "openai",
        durationMs: 600,
        firstByteMs: 100,
        usage: { inputTokens: 10, outputTokens: 250 },
      }),
    );
    await store.flush();
    const hourly = await fetch(`${server.url}/api/usage/speed?from=${from}`, { headers: admin });
    expect(hourly.status).toBe(200);
    const report = (await hourly.json()) as {
      bucket: string;
      models: string[];
      points: Array<Record<string, unknown>>;
    };
    expect(report.bucket).toBe("hour");
    expect([...report.models].sort()).toEqual(["claude-sonnet-4.5", "gpt-5-mini"]);
    expect(report.points).toContainEqual({
      bucket_start: from,
      model: "gpt-5-mini",
      requests: 1,
      ttft_p50_ms: 75,
      tokens_per_second: 500,
    });
    // A whole (non-streamed) answer has a first byte, but no time after it to measure a speed by.
    const sonnet = report.points.find((point) => point["model"] === "claude-sonnet-4.5");
    expect(sonnet).toMatchObject({ requests: 1, tokens_per_second: null });
    expect(sonnet?.["ttft_p50_ms"]).toEqual(expect.any(Number));

    const weekAgo = new Date(Date.now() - 7 * 86_400_000).toISOString();
    const daily = (await (await fetch(`${server.url}/api/usage/speed?from=${weekAgo}`, { headers: admin })).json()) as {
      bucket: string;
      points: Array<{ bucket_start: string; model: string }>;
    };
    expect(daily.bucket).toBe("day");
    expect(daily.points.map((point) => point.model).sort()).toEqual(["claude-sonnet-4.5", "gpt-5-mini"]);
    for (const point of daily.points) expect(point.bucket_start).toMatch(/T00:00:00\.000Z$/);
  });

  it("answers bad parameters with a 400 naming the parameter, in OpenAI's error shape", async () => {
    const { server } = await start();
    const cases: Array<[string, string]> = [
      ["/api/usage?group_by=planet", "group_by"],
      ["/api/usage?from=yesterday", "from"],
      ["/api/usage?from=2026-12-02&to=2026-12-01", "from"],
      ["/api/usage?to=not-a-date", "to"],
      ["/api/requests?limit=0", "limit"],
      ["/api/requests?limit=100000", "limit"],
      ["/api/requests?limit=ten", "limit"],
      ["/api/requests?status=99", "status"],
      ["/api/requests?before=whenever", "before"],
      ["/api/quota?to=soon", "to"],
      // A misspelt or unknown filter is refused, not answered as if there were none.
      ["/api/requests?modle=gpt-test", "modle"],
      ["/api/requests?limit=5&colour=red", "colour"],
      ["/api/usage?range=7d", "range"],
      ["/api/usage/speed?bucket=week", "bucket"],
      ["/api/usage/speed?from=soon", "from"],
      ["/api/usage/speed?group_by=model", "group_by"],
      // A day that does not exist is refused, not rolled over into the next month.
      ["/api/usage?from=2026-02-30", "from"],
      ["/api/usage?to=2026-13-01", "to"],
      ["/api/requests?before=-1", "before"],
      ["/api/mcp/calls?before=-1", "before"],
      ["/api/mcp/calls?before=2026-02-30", "before"],
      ["/api/keys?x=1", "x"],
    ];
    for (const [path, param] of cases) {
      const response = await fetch(`${server.url}${path}`, { headers: admin });
      expect(response.status, path).toBe(400);
      const body = (await response.json()) as { error: { message: string; param: string; type: string } };
      expect(body.error.param, path).toBe(param);
      expect(body.error.message, path).toContain(param);
    }
  });

  it("is behind the admin key, /metrics too; /health stays public and shows the store", async () => {
    const { server } = await start();
    for (const path of ["/api/usage", "/api/usage/speed", "/api/requests", "/api/requests/x", "/metrics"]) {
      const response = await fetch(`${server.url}${path}`);
      expect(response.status, path).toBe(401);
      expect(((await response.json()) as { error: { type: string } }).error.type).toBeDefined();
    }
    const health = await fetch(`${server.url}/health`);
    expect(await health.json()).toEqual({
      status: "ok",
      store: { engine: "sqlite", up: true, queue_depth: 0, dropped: 0 },
    });
  });

  it("serves while an unreachable PostgreSQL store is down, names the host and the fix, and holds the rows", async () => {
    const { server, store } = await start({ engine: "postgres", url: "postgres://switchboard@127.0.0.1:9/usage" });
    expect((await sendMessage(server.url, [{ role: "user", content: "hi" }])).status).toBe(200);
    const health = (await (await fetch(`${server.url}/health`)).json()) as { store: Record<string, unknown> };
    expect(health.store).toMatchObject({ engine: "postgres", up: false, queue_depth: 1 });
    expect(health.store["error"]).toMatch(/127\.0\.0\.1:9\/usage/);
    expect(health.store["error"]).toMatch(/store\.url/);
    expect(store.health().up).toBe(false);
    const usage = await fetch(`${server.url}/api/usage`, { headers: admin });
    expect(usage.status).toBe(503);
    expect(((await usage.json()) as { error: { message: string } }).error.message).toMatch(/127\.0\.0\.1:9/);
  });

  it("answers 503 when the store is off, while /metrics still counts", async () => {
    const provider = fakeProvider({ id: "copilot", models: [], respond: () => jsonResponse({}) });
    const server = await startServer({
      config: configFromObject({ server: { api_key: adminKey }, store: { enabled: false } }),
      port: 0,
      host: "127.0.0.1",
      providers: [provider],
      usageSink: createMemoryUsageSink(),
      logger: createSilentLogger(),
    });
    try {
      const usage = await fetch(`${server.url}/api/usage`, { headers: admin });
      expect(usage.status).toBe(503);
      expect(((await usage.json()) as { error: { message: string } }).error.message).toMatch(/store\.enabled: false/);
      expect((await fetch(`${server.url}/metrics`, { headers: admin })).status).toBe(200);
      expect(await (await fetch(`${server.url}/health`)).json()).toEqual({ status: "ok" });
    } finally {
      await server.close();
    }
  });
});
