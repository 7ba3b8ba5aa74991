import { describe, expect, it } from "vitest";
import { createSilentLogger } from "../lib/logger.js";
import { pollPremiumQuota, type QuotaSource } from "./poll-premium-quota.js";
import type { QuotaSnapshot } from "./usage-store.js";

type Reading = Omit<QuotaSnapshot, "provider" | "takenAt">;

/** A provider whose quota read ends when the test says so. */
function slowSource(id: string): QuotaSource & { answer: (reading: Reading) => Promise<void> } {
  let answer: (reading: Reading) => void = () => undefined;
  return {
    id,
    premiumQuota: () => new Promise<Reading>((resolve) => (answer = resolve)),
    // Resolves after the poller's own `then` has run.
    answer: async (reading) => {
      answer(reading);
      await new Promise((resolve) => setImmediate(resolve));
    },
  };
}

describe("the premium quota poller", () => {
  it("drops a read that ends after a reload replaced its provider, and records the new provider's", async () => {
    const recorded: QuotaSnapshot[] = [];
    const old = slowSource("copilot");
    const replacement = slowSource("copilot");
    let sources: QuotaSource[] = [old];
    const poller = pollPremiumQuota({
      sources: () => sources,
      store: { recordQuota: (snapshot) => void recorded.push(snapshot) },
      logger: createSilentLogger(),
    });
    try {
      // A reload (SIGHUP, a sign-in) rebuilds the provider while the old one's read is on its way.
      sources = [replacement];
      poller.sourcesChanged();
      await old.answer({ entitlement: 300, remaining: 250, unlimited: false });
      await replacement.answer({ entitlement: 300, remaining: 240, unlimited: false });
      expect(recorded.map((snapshot) => snapshot.remaining)).toEqual([240]);
    } finally {
      poller.stop();
    }
  });
});
