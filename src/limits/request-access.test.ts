import { describe, expect, it } from "vitest";
import type { Principal } from "../keys/key-authenticator.js";
import type { VirtualKey } from "../keys/virtual-key.js";
import { createSilentLogger } from "../lib/logger.js";
import { createMemoryLimitEngine } from "./memory-limit-engine.js";
import { createRequestAccess } from "./request-access.js";

const now = Date.UTC(2026, 11, 6, 12);
function principal(limits: VirtualKey["limits"], models?: string[]): Principal {
  const key: VirtualKey = { id: "key_00000000000000aa", name: "dev", hash: "", hint: "", limits, createdAt: "" };
  if (models !== undefined) key.models = models;
  return { kind: "key", key };
}

async function refusal(promise: unknown): Promise<{ code: string; headers: Record<string, string>; message: string }> {
  try {
    await promise;
  } catch (error) {
    return error as { code: string; headers: Record<string, string>; message: string };
  }
  throw new Error("expected a refusal");
}

describe("request access", () => {
  const access = () =>
    createRequestAccess({
      engine: createMemoryLimitEngine({ now: () => now }),
      logger: createSilentLogger(),
      now: () => now,
    });
  let counter = 0;
  const request = (who: Principal, model = "sonnet") => ({
    principal: who,
    model,
    requestId: `r${(counter += 1)}`,
    initiator: "user" as const,
    bodyBytes: 400,
  });

  it("costs nothing for the master key and a key without limits: no engine call, no promise", () => {
    const checks = access();
    expect(checks.admit(request({ kind: "master" }))).toBeUndefined();
    expect(checks.admit(request(principal({}, ["sonnet"])))).toBeUndefined();
  });

  it("counts premium requests as the store does: Copilot's reported spend, not other upstreams' turns", async () => {
    const checks = access();
    const dev = principal({ premiumRequests: { count: 2, period: "month" } });
    for (let turn = 0; turn < 3; turn += 1) (await checks.admit(request(dev)))?.settle({ premiumSpent: undefined });
    (await checks.admit(request(dev)))?.settle({ premiumSpent: 1 });
    (await checks.admit(request(dev)))?.settle({ premiumSpent: 1 });
    const refused = await refusal(checks.admit(request(dev)));
    expect(refused.code).toBe("quota_exceeded");
    expect(refused.headers["x-should-retry"]).toBe("false");
    expect(refused.message).toBe(
      'The Switchboard key "dev" (key_00000000000000aa) has used up its allowance of 2 premium requests per month; it resets at 2027-01-01T00:00:00.000Z.',
    );
  });

  it("starts a budget from what the store says the key spent this period (a restart loses nothing)", async () => {
    const asked: Array<[string, number]> = [];
    const checks = createRequestAccess({
      engine: createMemoryLimitEngine({ now: () => now }),
      logger: createSilentLogger(),
      now: () => now,
      spendSince: async (keyId, since) => {
        asked.push([keyId, since]);
        return { usd: 50, premium: 0 };
      },
    });
    const refused = await refusal(checks.admit(request(principal({ budget: { usd: 50, period: "month" } }))));
    expect(refused.code).toBe("quota_exceeded");
    expect(asked).toEqual([["key_00000000000000aa", Date.UTC(2026, 11, 1)]]);
  });

  it("refuses a model outside the key's list with 403 naming the allowed ones", async () => {
    const refused = await refusal(
      Promise.resolve().then(() => access().admit(request(principal({}, ["sonnet", "gpt-5.1"]), "opus"))),
    );
    expect(refused.code).toBe("permission");
    expect(refused.message).toContain("Models it may use: sonnet, gpt-5.1.");
  });

  it("holds the master key to server.master_key_limits, counted under the id its rows carry", async () => {
    const asked: string[] = [];
    const checks = createRequestAccess({
      engine: createMemoryLimitEngine({ now: () => now }),
      logger: createSilentLogger(),
      now: () => now,
      masterKeyLimits: { rpm: 2, budget: { usd: 10, period: "day" } },
      spendSince: async (keyId) => {
        asked.push(keyId);
        return { usd: 0, premium: 0 };
      },
    });
    (await checks.admit(request({ kind: "master" })))?.settle({});
    (await checks.admit(request({ kind: "master" })))?.settle({});
    const refused = await refusal(checks.admit(request({ kind: "master" })));
    expect(refused.code).toBe("rate_limited");
    expect(refused.headers["retry-after"]).toBe("60");
    expect(refused.message).toBe("The master key is over its limit of 2 requests per minute; retry in 60 s.");
    expect(asked).toEqual(["master"]);
    // A virtual key is not held to the master key's allowance.
    expect(checks.admit(request(principal({})))).toBeUndefined();
  });

  it("leaves the master key free when its allowance is empty", () => {
    const checks = createRequestAccess({
      engine: createMemoryLimitEngine({ now: () => now }),
      logger: createSilentLogger(),
      masterKeyLimits: {},
    });
    expect(checks.admit(request({ kind: "master" }))).toBeUndefined();
  });
});
