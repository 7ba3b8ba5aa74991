import { afterEach, describe, expect, it } from "vitest";
import { configFromObject } from "../../src/config/load-config.js";
import { createGateway } from "../../src/gateway/gateway.js";
import { anthropicMessage, fakeProvider, jsonResponse } from "../../src/gateway/testing/fake-provider.js";
import { createSilentLogger } from "../../src/lib/logger.js";
import type { Provider } from "../../src/providers/provider.js";
import { startServer } from "../../src/server/node.js";
import { createMemoryUsageSink } from "../../src/store/log-usage-sink.js";
import { openUsageStore } from "../../src/store/open-usage-store.js";
import { pollPremiumQuota } from "../../src/store/poll-premium-quota.js";
import { baseStoreOptions } from "../../src/store/testing/test-engines.js";
import type { UsageStore } from "../../src/store/usage-store.js";
import { createTestProvider } from "../fake-github/create-test-provider.js";
import { startFakeGithub, type FakeGithub } from "../fake-github/start-fake-github.js";

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function fakeGithub(): Promise<FakeGithub> {
  const fake = await startFakeGithub();
  cleanups.push(() => fake.close());
  return fake;
}

async function usageStore(): Promise<UsageStore> {
  const store = await openUsageStore({ store: baseStoreOptions(), logger: createSilentLogger() });
  cleanups.push(() => store.close());
  return store;
}

const always = { from: 0, to: Date.UTC(2030, 0, 1) };

async function until(check: () => Promise<boolean>): Promise<void> {
  for (let tries = 0; tries < 150; tries += 1) {
    if (await check()) return;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

// A provider without a quota, as OpenAI or Anthropic are.
const openai = (): Provider =>
  fakeProvider({
    id: "openai",
    models: [{ id: "gpt-5-mini", apis: ["openai-chat"] }],
    respond: () => jsonResponse(anthropicMessage("Hi", { input_tokens: 1, output_tokens: 1 })),
  });

describe("Copilot's premium quota over time", () => {
  it("is read from GitHub's user endpoint and recorded at start and on every poll", async () => {
    const fake = await fakeGithub();
    const provider = await createTestProvider(fake);
    cleanups.push(() => provider.close());
    const store = await usageStore();
    let clock = Date.UTC(2026, 11, 6, 12);
    const poller = pollPremiumQuota({
      sources: () => [provider, { id: "openai" }],
      store,
      logger: createSilentLogger(),
      intervalMs: 50,
      now: () => (clock += 1000),
    });
    await until(async () => (await store.listQuota(always)).length >= 2);
    poller.stop();
    const snapshots = await store.listQuota({ ...always, provider: "copilot" });
    expect(snapshots.length).toBeGreaterThanOrEqual(2);
    expect(snapshots[0]).toMatchObject({ provider: "copilot", remaining: 237, unlimited: false });
    expect(snapshots[0]?.entitlement).toBeGreaterThan(237);
  });

  it("follows the gateway's providers: a reload's new Copilot is polled, the one it replaced no longer", async () => {
    const fake = await fakeGithub();
    const first = await createTestProvider(fake, { id: "copilot" });
    const second = await createTestProvider(fake, { id: "copilot-work" });
    cleanups.push(() => second.close());
    const store = await usageStore();
    const config = configFromObject({ models: { sonnet: "copilot/claude-sonnet-4.5" } });
    const gateway = createGateway({
      config,
      providers: new Map([["copilot", first]]),
      usageSink: createMemoryUsageSink(),
      logger: createSilentLogger(),
      // As the server wires it (src/server/node.ts); called only on a reload, once `poller` is set.
      onReload: () => poller.sourcesChanged(),
    });
    let clock = Date.UTC(2026, 11, 6, 12);
    const poller = pollPremiumQuota({
      sources: () => gateway.table.providers.values(),
      store,
      logger: createSilentLogger(),
      intervalMs: 100,
      now: () => (clock += 1000),
    });
    cleanups.push(async () => poller.stop());
    const count = async (provider: string) => (await store.listQuota({ ...always, provider })).length;
    await until(async () => (await count("copilot")) >= 2);
    expect(await count("copilot")).toBeGreaterThanOrEqual(2);

    // As SIGHUP does: a new config whose Copilot provider is another one.
    const reloaded = configFromObject({ models: { sonnet: "copilot-work/claude-sonnet-4.5" } });
    await gateway.reload({ config: reloaded, providers: new Map([["copilot-work", second]]) });
    await until(async () => (await count("copilot-work")) >= 1);
    // A read of the old provider that ended after the reload is dropped; one that ended before is
    // being written: flush waits for it. From here the old provider's count cannot grow.
    await store.flush();
    const oldAfterReload = await count("copilot");
    await until(async () => (await count("copilot-work")) >= 4);
    expect(await count("copilot-work")).toBeGreaterThanOrEqual(4);
    expect(await count("copilot")).toBe(oldAfterReload);
  });

  it("is polled at once for a Copilot provider the running server gets by a reload (SIGHUP, dashboard sign-in)", async () => {
    const fake = await fakeGithub();
    fake.state.premiumRemaining = 123;
    const store = await openUsageStore({
      store: baseStoreOptions({ flushIntervalMs: 50 }),
      logger: createSilentLogger(),
    });
    const adminKey = "sk-admin-quota";
    const config = configFromObject({ server: { api_key: adminKey }, models: { mini: "openai/gpt-5-mini" } });
    // Started without Copilot: nothing to poll. The hourly poll is far off, so only the reload can fill the quota.
    const server = await startServer({
      config,
      port: 0,
      host: "127.0.0.1",
      providers: [openai()],
      usageStore: store,
      usageSink: createMemoryUsageSink(),
      logger: createSilentLogger(),
    });
    cleanups.push(() => server.close());
    const quota = async () => {
      const response = await fetch(`${server.url}/api/quota?provider=copilot`, {
        headers: { authorization: `Bearer ${adminKey}` },
      });
      return ((await response.json()) as { snapshots: Array<Record<string, unknown>> }).snapshots;
    };
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(await quota()).toEqual([]);

    const copilot = await createTestProvider(fake);
    const signedIn = configFromObject({
      server: { api_key: adminKey },
      models: { mini: "openai/gpt-5-mini", sonnet: "copilot/claude-sonnet-4.5" },
    });
    await server.gateway.reload({
      config: signedIn,
      providers: new Map<string, Provider>([
        ["copilot", copilot],
        ["openai", openai()],
      ]),
    });
    await until(async () => (await quota()).length > 0);
    expect(await quota()).toEqual([expect.objectContaining({ provider: "copilot", remaining: 123 })]);
  });
});
