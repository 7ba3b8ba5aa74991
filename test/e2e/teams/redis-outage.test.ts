import type { ChildProcess } from "node:child_process";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { awayFromMinuteEdge, buildOnce, chat, masterKey, startTeam, type Gateway, type Team } from "./start-team.js";
import { freePort, startRedis, stopProcess, waitUntil } from "../../support/throwaway-redis.js";

async function healthOf(gateway: Gateway): Promise<{ redis?: string; limits?: string }> {
  return (await (await fetch(`${gateway.url}/health`)).json()) as { redis?: string; limits?: string };
}

async function alternate(team: Team, key: string, count: number): Promise<number[]> {
  const statuses: number[] = [];
  for (let index = 0; index < count; index += 1) {
    const response = await chat(team.gateways[index % 2]!, key);
    statuses.push(response.status);
    await response.text();
  }
  return statuses;
}

describe("two gateways when their Redis goes down and comes back", () => {
  let team: Team;
  let redis: ChildProcess;
  let port: number;
  beforeAll(async () => {
    buildOnce();
    port = await freePort();
    redis = await startRedis(port);
    team = await startTeam({
      redisUrl: `redis://127.0.0.1:${port}`,
      script: () => ({ text: "hello", usage: { inputTokens: 10, outputTokens: 10 } }),
    });
  }, 240_000);
  afterAll(async () => {
    await team?.close();
    if (redis !== undefined) await stopProcess(redis);
  });

  it("keep serving per process while it is down, say so on /health, and enforce one limit again once it is back", async () => {
    const key = async (name: string) =>
      (await team.admin(team.gateways[0]!, "POST", "/api/keys", { name, rpm: 3 })).body.key as string;
    await awayFromMinuteEdge(40_000);
    expect(await alternate(team, await key("before"), 4)).toEqual([200, 200, 200, 429]);
    for (const gateway of team.gateways)
      expect(await healthOf(gateway)).toMatchObject({ redis: "up", limits: "global" });

    await stopProcess(redis);
    const during = await key("during");
    // Each gateway counts for itself meanwhile: two each of four stays under 3 per process.
    expect(await alternate(team, during, 4)).toEqual([200, 200, 200, 200]);
    // …and a limit is still a limit in each process: 3 each, 6 in all (N replicas × the limit).
    expect(await alternate(team, during, 4)).toEqual([200, 200, 429, 429]);
    const master = await chat(team.gateways[1]!, masterKey);
    expect(master.status).toBe(200);
    await master.text();
    for (const gateway of team.gateways) {
      expect(await healthOf(gateway)).toMatchObject({ redis: "down", limits: "per-process" });
    }

    redis = await startRedis(port);
    await waitUntil(async () => {
      const states = await Promise.all(team.gateways.map(healthOf));
      return states.every((state) => state.redis === "up");
    }, 15_000);
    await awayFromMinuteEdge(15_000);
    expect(await alternate(team, await key("after"), 4)).toEqual([200, 200, 200, 429]);
    for (const gateway of team.gateways) expect(await healthOf(gateway)).toMatchObject({ limits: "global" });
  });
});
