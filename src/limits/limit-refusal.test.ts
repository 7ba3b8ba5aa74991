import { describe, expect, it } from "vitest";
import type { KeyLimits, VirtualKey } from "../keys/virtual-key.js";
import type { LimitName } from "./limit-engine.js";
import { limitRefusal } from "./limit-refusal.js";

function messageFor(limit: LimitName, limits: KeyLimits): string {
  const key: VirtualKey = {
    id: "key_1",
    name: "alice",
    hash: "",
    hint: "sk-sb-…",
    limits,
    createdAt: "2026-01-01T00:00:00.000Z",
  };
  return limitRefusal({ key, limit, retryAfterMs: 1_000, resetsAt: Date.parse("2026-01-02T00:00:00.000Z") }).message;
}

describe("a limit's refusal", () => {
  it("prints a small budget with the digits it has, never as $0.00", () => {
    expect(messageFor("budget", { budget: { usd: 0.0001, period: "day" } })).toContain(
      "has used up its budget of $0.0001 per day;",
    );
    expect(messageFor("budget", { budget: { usd: 12.5, period: "month" } })).toContain(
      "its budget of $12.50 per month;",
    );
    expect(messageFor("budget", { budget: { usd: 50, period: "month" } })).toContain("its budget of $50.00 per month;");
  });

  it("says 1 request, 1 token, 1 premium request: singular for one", () => {
    expect(messageFor("rpm", { rpm: 1 })).toContain("its limit of 1 request per minute;");
    expect(messageFor("rpm", { rpm: 2 })).toContain("its limit of 2 requests per minute;");
    expect(messageFor("tpm", { tpm: 1 })).toContain("its limit of 1 token per minute;");
    expect(messageFor("max_parallel", { maxParallel: 1 })).toContain("its limit of 1 request in flight at once;");
    expect(messageFor("premium_requests", { premiumRequests: { count: 1, period: "month" } })).toContain(
      "its allowance of 1 premium request per month;",
    );
  });
});
