import { afterEach, describe, expect, it } from "vitest";
import { createSilentLogger } from "../../src/lib/logger.js";
import { openUsageStore } from "../../src/store/open-usage-store.js";
import { pollPremiumQuota } from "../../src/store/poll-premium-quota.js";
import { baseStoreOptions } from "../../src/store/testing/test-engines.js";
import { createTestProvider } from "../fake-github/create-test-provider.js";
import { startFakeGithub, type FakeGithub } from "../fake-github/start-fake-github.js";

let fake: FakeGithub | undefined;
afterEach(async () => {
  await fake?.close();
  fake = undefined;
});

describe("Copilot's premium quota over time", () => {
  it("is read from GitHub's user endpoint and recorded at start and on every poll", async () => {
    fake = await startFakeGithub();
    const provider = await createTestProvider(fake);
    const store = await openUsageStore({ store: baseStoreOptions(), logger: createSilentLogger() });
    let clock = Date.UTC(2026, 11, 6, 12);
    const stop = pollPremiumQuota({
      sources: [provider, { id: "openai" }],
      store,
      logger: createSilentLogger(),
      intervalMs: 50,
      now: () => (clock += 1000),
    });
    for (let tries = 0; tries < 100; tries += 1) {
      if ((await store.listQuota({ from: 0, to: Date.UTC(2030, 0, 1) })).length >= 2) break;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    stop();
    const snapshots = await store.listQuota({ from: 0, to: Date.UTC(2030, 0, 1), provider: "copilot" });
    expect(snapshots.length).toBeGreaterThanOrEqual(2);
    expect(snapshots[0]).toMatchObject({ provider: "copilot", remaining: 237, unlimited: false });
    expect(snapshots[0]?.entitlement).toBeGreaterThan(237);
    await provider.close();
    await store.close();
  });
});
