import { sql } from "kysely";
import { afterEach, describe, expect, it } from "vitest";
import { openUsageStore } from "./open-usage-store.js";
import type { StoreOptions } from "./store-options.js";
import { captureLogger, sampleRecord } from "./testing/sample-record.js";
import { testEngines } from "./testing/test-engines.js";
import type { UsageStore } from "./usage-store.js";

const hour = 3_600_000;

describe.each(testEngines)("usage store on $name", (engine) => {
  const cleanups: Array<() => Promise<void>> = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  async function open(overrides: Partial<StoreOptions> = {}): Promise<{ store: UsageStore; options: StoreOptions }> {
    const created = await engine.create();
    cleanups.push(created.cleanup);
    const options = { ...created.options, ...overrides };
    const store = await openUsageStore({ store: options, logger: captureLogger().logger });
    cleanups.push(() => store.close());
    return { store, options };
  }

  it("keeps a served request's row and gives it back whole", async () => {
    const { store } = await open();
    const record = sampleRecord({ warnings: [{ type: "unsupported", feature: "top_k", detail: "dropped" }] });
    store.record(record);
    await store.flush();
    const page = await store.listRequests({ limit: 10 });
    expect(page.requests).toHaveLength(1);
    expect(page.requests[0]).toMatchObject({
      id: record.requestId,
      model: "claude-sonnet-4.5",
      requested_model: "sonnet",
      provider: "copilot",
      status: 200,
      input_tokens: 1000,
      output_tokens: 200,
      cache_read_tokens: 600,
      reasoning_tokens: 50,
      client: "claude-code",
      session_id: "session-a",
      premium_spent: 1,
      initiator: "user",
      fallback: false,
    });
    // Sonnet's list price: 400 fresh input × $3 + 600 cached × $0.30 + 200 output × $15, per million.
    expect(page.requests[0]?.cost_usd).toBeCloseTo((400 * 3 + 600 * 0.3 + 200 * 15) / 1e6, 9);
    const whole = await store.getRequest(record.requestId);
    expect(whole).toMatchObject({
      requestId: record.requestId,
      startedAt: record.startedAt,
      usage: record.usage,
      attempts: record.attempts,
      warnings: record.warnings,
      finishReason: record.finishReason,
      initiator: "user",
      clientVersion: "2.1.197",
      route: "sonnet",
    });
    expect(whole?.bodies).toBeUndefined();
    expect(await store.getRequest("req_unknown")).toBeUndefined();
  });

  it("sums usage per model, session and day from the rollups, with percentiles and premium requests", async () => {
    const { store } = await open();
    const now = Date.now();
    const at = new Date(now - (now % hour) + 60_000).toISOString();
    store.record(sampleRecord({ startedAt: at, durationMs: 900 }));
    store.record(
      sampleRecord({ startedAt: at, durationMs: 1800, initiator: "agent", premiumSpent: 0, premiumSaved: 1 }),
    );
    store.record(
      sampleRecord({
        startedAt: at,
        upstreamModel: "gpt-5-mini",
        provider: "openai",
        sessionId: "session-b",
        client: "codex",
        status: 429,
        errorCode: "rate_limited",
        usage: undefined,
        premiumSpent: 0,
        attempts: [
          { provider: "openai", model: "gpt-5-mini", outcome: "rate_limited", status: 429 },
          { provider: "openai", model: "gpt-5-mini", outcome: "rate_limited", status: 429 },
        ],
      }),
    );
    await store.flush();
    const byModel = await store.queryUsage({ from: now - hour, to: now + hour, groupBy: "model" });
    expect(byModel.rows.map((row) => [row.key, row.requests, row.errors])).toEqual([
      ["claude-sonnet-4.5", 2, 0],
      ["gpt-5-mini", 1, 1],
    ]);
    const sonnet = byModel.rows[0];
    expect(sonnet).toMatchObject({ input_tokens: 2000, output_tokens: 400, premium_spent: 1, premium_saved: 1 });
    expect(sonnet?.p50_ms).toBeGreaterThanOrEqual(750);
    expect(sonnet?.p95_ms).toBeGreaterThan(1500);
    expect(sonnet?.ttft_p50_ms).toBeGreaterThan(200);
    // 200 output tokens each, over 600 ms and 1500 ms after the first byte.
    expect(sonnet?.tokens_per_second).toBeCloseTo(400 / 2.1, 0);
    expect(byModel.totals).toMatchObject({ key: "total", requests: 3, errors: 1, premium_spent: 1, premium_saved: 1 });
    const bySession = await store.queryUsage({ from: now - hour, to: now + hour, groupBy: "session" });
    expect(bySession.rows.map((row) => [row.key, row.requests])).toEqual([
      ["session-a", 2],
      ["session-b", 1],
    ]);
    const byClient = await store.queryUsage({ from: now - hour, to: now + hour, groupBy: "client" });
    expect(byClient.rows.map((row) => row.key)).toEqual(["claude-code", "codex"]);
    const byDay = await store.queryUsage({ from: now - 3 * 86_400_000, to: now + hour, groupBy: "day" });
    expect(byDay.rows).toHaveLength(1);
    expect(byDay.rows[0]?.key).toBe(new Date(now - (now % 86_400_000)).toISOString());
    const empty = await store.queryUsage({ from: now - 10 * hour, to: now - 5 * hour, groupBy: "model" });
    expect(empty.rows).toEqual([]);
    expect(empty.totals.requests).toBe(0);
  });

  it("pages the newest requests first and filters them", async () => {
    const { store } = await open();
    const base = Date.now() - 10_000;
    for (let index = 0; index < 5; index += 1) {
      store.record(
        sampleRecord({
          startedAt: new Date(base + (index < 3 ? 0 : index) * 1000).toISOString(),
          client: index % 2 === 0 ? "claude-code" : "codex",
        }),
      );
    }
    await store.flush();
    const first = await store.listRequests({ limit: 2 });
    expect(first.requests).toHaveLength(2);
    expect(first.next_before).not.toBeNull();
    const second = await store.listRequests({ limit: 2, before: first.next_before ?? "" });
    const third = await store.listRequests({ limit: 2, before: second.next_before ?? "" });
    const ids = [...first.requests, ...second.requests, ...third.requests].map((row) => row.id);
    expect(new Set(ids).size).toBe(5);
    expect(third.next_before).toBeNull();
    const times = [...first.requests, ...second.requests, ...third.requests].map((row) => row.started_at);
    expect([...times].sort().reverse()).toEqual(times);
    const codex = await store.listRequests({ limit: 10, client: "codex" });
    expect(codex.requests.map((row) => row.client)).toEqual(["codex", "codex"]);
    expect((await store.listRequests({ limit: 10, status: 500 })).requests).toEqual([]);
  });

  it("keeps every raw row when a rollup fails, and rolls them up once it can", async () => {
    const { store } = await open();
    await store.db.schema.alterTable("usage_daily").renameTo("usage_daily_away").execute();
    store.record(sampleRecord());
    store.record(sampleRecord());
    await store.flush();
    expect((await store.listRequests({ limit: 10 })).requests).toHaveLength(2);
    expect(store.health()).toMatchObject({ up: true, queueDepth: 0, dropped: 0 });
    await store.db.schema.alterTable("usage_daily_away").renameTo("usage_daily").execute();
    store.record(sampleRecord());
    await store.flush();
    const now = Date.now();
    const report = await store.queryUsage({ from: now - hour, to: now + hour, groupBy: "model" });
    expect(report.totals.requests).toBe(3);
  });

  it("gives back text as written, whatever it holds (PostgreSQL writes a batch as one array per column)", async () => {
    const { store } = await open();
    const awkward = ["NULL", '{"a":[1,2]}', 'back\\slash "quoted", comma', "line\nbreak\ttab", "ünïcødé 🚀", ""];
    const records = awkward.map((text, index) =>
      sampleRecord({
        sessionId: text,
        clientVersion: `v${index}`,
        errorCode: text === "" ? undefined : text,
        warnings: [{ type: "unsupported", feature: text, detail: text }],
      }),
    );
    for (const record of records) store.record(record);
    await store.flush();
    for (const record of records) {
      const back = await store.getRequest(record.requestId);
      expect(back?.sessionId).toBe(record.sessionId);
      expect(back?.errorCode).toBe(record.errorCode);
      expect(back?.warnings).toEqual(record.warnings);
      expect(back?.attempts).toEqual(record.attempts);
      expect(back?.usage).toEqual(record.usage);
    }
  });

  it("keeps a row whose text holds a NUL (a refused request's model name), the NUL stored as U+FFFD", async () => {
    const { store } = await open();
    const record = sampleRecord({
      requestedModel: "bad\u0000model",
      upstreamModel: "bad\u0000model",
      status: 400,
      sessionId: "s\u0000",
      warnings: [{ type: "unsupported", feature: "f\u0000", detail: "d" }],
    });
    store.record(record);
    await store.flush();
    expect(store.health()).toMatchObject({ dropped: 0 });
    const back = await store.getRequest(record.requestId);
    expect(back?.requestedModel).toBe("bad\uFFFDmodel");
    expect(back?.sessionId).toBe("s\uFFFD");
    expect(back?.warnings).toEqual([{ type: "unsupported", feature: "f\uFFFD", detail: "d" }]);
    const now = Date.parse(record.startedAt);
    const report = await store.queryUsage({ from: now - hour, to: now + hour, groupBy: "model" });
    expect(report.totals.requests).toBe(1);
  });

  it("keeps bodies only with store.bodies, redacted and capped", async () => {
    const { store } = await open({ bodies: true });
    const secret = "sk-ant-api03-abcdefghijklmnopqrstuvwxyz";
    const record = sampleRecord({
      bodies: {
        request: JSON.stringify({ prompt: `my key is ${secret}`, filler: "x".repeat(70_000) }),
        response: "{}",
      },
    });
    store.record(record);
    await store.flush();
    const whole = await store.getRequest(record.requestId);
    expect(whole?.bodies?.request).toContain("my key is [redacted]");
    expect(whole?.bodies?.request).not.toContain(secret);
    expect(whole?.bodies?.request).toMatch(/cut at 65536 of \d+ characters/);
    expect(whole?.bodies?.response).toBe("{}");

    const { store: without } = await open({ bodies: false });
    const plain = sampleRecord({ bodies: { request: "{}" } });
    without.record(plain);
    await without.flush();
    expect((await without.getRequest(plain.requestId))?.bodies).toBeUndefined();
  });

  it("keeps a streamed answer's SSE text, redacted, and notes the whole length when only its start was copied", async () => {
    const { store } = await open({ bodies: true });
    const secret = "ghu_abcdefghijklmnopqrstuvwxyz0123";
    const event = `event: content_block_delta\ndata: {"type":"content_block_delta","delta":{"type":"text_delta","text":"token ${secret}"}}\n\n`;
    const short = sampleRecord({ stream: true, bodies: { request: "{}", response: event } });
    // What the gateway hands over for a long stream: its first 64 K characters and its whole length.
    const copied = event + "x".repeat(70_000);
    const long = sampleRecord({ stream: true, bodies: { response: copied, responseLength: 250_000 } });
    store.record(short);
    store.record(long);
    await store.flush();
    const shortBack = await store.getRequest(short.requestId);
    expect(shortBack?.bodies).toEqual({ request: "{}", response: event.replace(secret, "[redacted]") });
    const longBack = (await store.getRequest(long.requestId))?.bodies?.response;
    expect(longBack?.startsWith('event: content_block_delta\ndata: {"type":"content_block_delta"')).toBe(true);
    expect(longBack).not.toContain(secret);
    expect(longBack).toMatch(/…\[cut at 65536 of 250000 characters\]$/);
    // Cut at 64 K first, then the token (in the kept part) replaced.
    const kept = copied.slice(0, 65_536).replace(secret, "[redacted]");
    expect(longBack).toBe(`${kept}…[cut at 65536 of 250000 characters]`);
  });

  it("prunes rows past retention and bodies past their shorter retention", async () => {
    const { store } = await open({ bodies: true, retentionDays: 30, bodyRetentionDays: 7 });
    const daysAgo = (days: number) => new Date(Date.now() - days * 86_400_000).toISOString();
    const old = sampleRecord({ startedAt: daysAgo(40), bodies: { request: "{}" } });
    const middle = sampleRecord({ startedAt: daysAgo(10), bodies: { request: "{}" } });
    const recent = sampleRecord({ startedAt: daysAgo(1), bodies: { request: "{}" } });
    for (const record of [old, middle, recent]) store.record(record);
    await store.flush();
    const { pruneStore } = await import("./prune.js");
    expect(await pruneStore(store.db, { retentionDays: 30, bodyRetentionDays: 7, batchSize: 1 })).toEqual({
      requests: 1,
      bodies: 2,
    });
    expect(await store.getRequest(old.requestId)).toBeUndefined();
    expect((await store.getRequest(middle.requestId))?.bodies).toBeUndefined();
    expect((await store.getRequest(recent.requestId))?.bodies).toEqual({ request: "{}" });
  });

  it("records Copilot's quota snapshots over time", async () => {
    const { store } = await open();
    const now = Date.now();
    store.recordQuota({ provider: "copilot", takenAt: now - 1000, entitlement: 300, remaining: 120, unlimited: false });
    store.recordQuota({ provider: "copilot", takenAt: now, entitlement: 300, remaining: 118, unlimited: false });
    await store.flush();
    const snapshots = await store.listQuota({ from: now - hour, to: now + hour });
    expect(snapshots.map((snapshot) => snapshot.remaining)).toEqual([120, 118]);
  });

  it("refuses a database migrated by a newer Switchboard, and says so", async () => {
    const { store, options } = await open();
    await sql`insert into switchboard_migrations (name, applied_at) values ('9999-from-the-future', 0)`.execute(
      store.db,
    );
    const newer = await openUsageStore({ store: options, logger: captureLogger().logger });
    cleanups.push(() => newer.close());
    expect(newer.health().up).toBe(false);
    expect(newer.health().error).toMatch(/newer Switchboard.*9999-from-the-future.*Upgrade Switchboard/);
    await expect(newer.listRequests({ limit: 1 })).rejects.toThrow(/newer Switchboard/);
  });

  it("flushes on close: every accepted row is written", async () => {
    const created = await engine.create();
    cleanups.push(created.cleanup);
    const store = await openUsageStore({
      store: { ...created.options, flushIntervalMs: 60_000 },
      logger: captureLogger().logger,
    });
    for (let index = 0; index < 1200; index += 1) store.record(sampleRecord());
    await store.close();
    const reopened = await openUsageStore({ store: created.options, logger: captureLogger().logger });
    cleanups.push(() => reopened.close());
    const now = Date.now();
    expect((await reopened.queryUsage({ from: now - hour, to: now + hour, groupBy: "model" })).totals.requests).toBe(
      1200,
    );
  });
});

describe("a row PostgreSQL refuses", () => {
  it("is dropped and counted, and the rows beside it are written", async () => {
    const engine = testEngines.find((candidate) => candidate.name === "postgres");
    const created = await engine?.create();
    if (created === undefined) throw new Error("no postgres engine");
    const { logger, lines } = captureLogger();
    const store = await openUsageStore({ store: created.options, logger });
    try {
      // An integer column's range is PostgreSQL's alone (SQLite would take it), hence this test is PostgreSQL's only.
      const bad = sampleRecord({ status: 2 ** 40 });
      const good = sampleRecord();
      store.record(bad);
      store.record(good);
      await store.flush();
      expect(await store.getRequest(good.requestId)).toBeDefined();
      expect(await store.getRequest(bad.requestId)).toBeUndefined();
      expect(store.health()).toMatchObject({ up: true, queueDepth: 0, dropped: 1 });
      expect(lines.some((line) => String(line["msg"]).includes("refused by the database"))).toBe(true);
    } finally {
      await store.close();
      await created.cleanup();
    }
  });
});
