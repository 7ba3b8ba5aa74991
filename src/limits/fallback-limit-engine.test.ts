import { describe, expect, it } from "vitest";
import { createSilentLogger } from "../lib/logger.js";
import { createFallbackLimitEngine } from "./fallback-limit-engine.js";
import { createMemoryLimitEngine } from "./memory-limit-engine.js";

describe("the fallback limit engine's health", () => {
  it("reads per process while Redis is down, and global again as soon as the connection is back", async () => {
    let up = false;
    const engine = createFallbackLimitEngine({
      primary: createMemoryLimitEngine(),
      fallback: createMemoryLimitEngine(),
      isUp: () => up,
      failClosed: false,
      logger: createSilentLogger(),
    });
    const admission = await engine.admit({
      subject: "key_1",
      requestId: "r1",
      limits: { rpm: 10 },
      reserveUsd: 0,
      reservePremium: 0,
      now: Date.now(),
    });
    expect(admission.ok).toBe(true);
    expect(engine.health()).toMatchObject({ engine: "memory", redisUp: false, fallbackDecisions: 1 });
    // Reconnected, and no request since: /health must not go on saying "per-process" while idle.
    up = true;
    expect(engine.health()).toMatchObject({ engine: "redis", redisUp: true });
  });
});
