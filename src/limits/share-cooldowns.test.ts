import { randomBytes } from "node:crypto";
import { Redis } from "ioredis";
import { afterAll, describe, expect, it, vi } from "vitest";
import { DeploymentHealth } from "../router/policy/deployment-health.js";
import { shareCooldowns } from "./share-cooldowns.js";
import { testRedisUrl } from "../../test/support/test-redis-url.js";

const connections: Redis[] = [];
function connect(): Redis {
  const redis = new Redis(testRedisUrl);
  connections.push(redis);
  return redis;
}
afterAll(() => connections.forEach((connection) => connection.disconnect()));

describe("shared deployment cooldowns", () => {
  it("skips on a second replica a deployment that cooled down on the first, until the same moment", async () => {
    const channel = `sbtest:${randomBytes(6).toString("hex")}:cooldowns`;
    const options = { allowedFails: 2, cooldownMs: 30_000, latencySmoothing: 0.3 };
    const first = new DeploymentHealth(options);
    const second = new DeploymentHealth(options);
    for (const health of [first, second])
      shareCooldowns({ health, publisher: connect(), subscriber: connect(), channel });
    await vi.waitFor(async () => expect(await connections[0]!.pubsub("NUMSUB", channel)).toEqual([channel, 2]));

    first.fail("openai/gpt-5");
    expect(second.availability("openai/gpt-5")).toBe("available");
    first.fail("openai/gpt-5");
    expect(first.availability("openai/gpt-5")).toBe("cooling");
    await vi.waitFor(() => expect(second.availability("openai/gpt-5")).toBe("cooling"), { timeout: 1_000 });
    expect(second.cooldownEnds("openai/gpt-5")).toBe(first.cooldownEnds("openai/gpt-5"));
    expect(second.availability("anthropic/claude-sonnet-4-5")).toBe("available");
  });
});
