import { describe, expect, it } from "vitest";
import { configFromObject } from "./load-config.js";

describe("server.master_key_limits", () => {
  it("reads a key's fields into the master key's allowance", () => {
    const config = configFromObject({
      server: {
        api_key: "k",
        master_key_limits: {
          rpm: 60,
          tpm: 200_000,
          max_parallel: 4,
          budget: "50usd/month",
          premium_requests: "300/month",
        },
      },
    });
    expect(config.teams?.masterKeyLimits).toEqual({
      rpm: 60,
      tpm: 200_000,
      maxParallel: 4,
      budget: { usd: 50, period: "month" },
      premiumRequests: { count: 300, period: "month" },
    });
  });

  it("gives the master key no allowance when none is configured", () => {
    expect(configFromObject({ server: { api_key: "k" } }).teams?.masterKeyLimits).toBeUndefined();
  });

  it("refuses a budget that does not parse, naming the field and the form it takes", () => {
    expect(() => configFromObject({ server: { master_key_limits: { budget: "50 dollars" } } })).toThrow(
      /server\.master_key_limits\.budget.*e\.g\. 50usd\/month/s,
    );
  });

  it("refuses negative and unknown limits, naming the field", () => {
    expect(() => configFromObject({ server: { master_key_limits: { rpm: -1 } } })).toThrow(
      /server\.master_key_limits\.rpm/,
    );
    expect(() => configFromObject({ server: { master_key_limits: { models: ["x"] } } })).toThrow(/models/);
  });
});

describe("a cache Redis without a coordination Redis", () => {
  it("keeps REDIS_KEY_PREFIX for the cache's keys, so that it shares entries with the replicas that have both", () => {
    const config = configFromObject(
      {},
      { env: { CACHE_REDIS_URL: "redis://cache:6379", REDIS_KEY_PREFIX: "team-a:" } },
    );
    expect(config.teams?.redis).toBeUndefined();
    expect(config.teams?.cache).toMatchObject({ redisUrl: "redis://cache:6379", keyPrefix: "team-a:" });
  });
});
