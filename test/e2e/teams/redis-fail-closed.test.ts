import type { ChildProcess } from "node:child_process";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { awayFromMinuteEdge, buildOnce, chat, masterKey, startTeam, type Gateway, type Team } from "./start-team.js";
import { freePort, startRedis, stopProcess, waitUntil } from "../../support/throwaway-redis.js";

async function healthOf(gateway: Gateway): Promise<Record<string, unknown>> {
  return (await (await fetch(`${gateway.url}/health`)).json()) as Record<string, unknown>;
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

/** An Anthropic Messages request (Claude Code's route) with a key in x-api-key. */
function messages(gateway: Gateway, key: string): Promise<Response> {
  return fetch(`${gateway.url}/v1/messages`, {
    method: "POST",
    headers: { "x-api-key": key, "anthropic-version": "2023-06-01", "content-type": "application/json" },
    body: JSON.stringify({ model: "coder", max_tokens: 100, messages: [{ role: "user", content: "hello" }] }),
  });
}

describe("two gateways with redis.fail_closed when their Redis goes down and comes back", () => {
  let team: Team;
  let redis: ChildProcess;
  let port: number;
  beforeAll(async () => {
    buildOnce();
    port = await freePort();
    redis = await startRedis(port);
    team = await startTeam({
      redisUrl: `redis://127.0.0.1:${port}`,
      configLines: ["redis:", "  fail_closed: true"],
      script: () => ({ text: "hello", usage: { inputTokens: 10, outputTokens: 10 } }),
    });
  }, 240_000);
  afterAll(async () => {
    await team?.close();
    if (redis !== undefined) await stopProcess(redis);
  });

  it("refuse limited keys with a 503 in each caller's shape while it is down, say so on /health, and are global again after", async () => {
    const key = async (name: string, limits: Record<string, unknown> = { rpm: 3 }) =>
      (await team.admin(team.gateways[0]!, "POST", "/api/keys", { name, ...limits })).body.key as string;
    const limited = await key("limited");
    const unlimited = await key("unlimited", {});
    await awayFromMinuteEdge(40_000);
    expect(await alternate(team, limited, 4)).toEqual([200, 200, 200, 429]);
    for (const gateway of team.gateways)
      expect(await healthOf(gateway)).toMatchObject({ redis: "up", limits: "global" });
    expect(team.gateways[0]!.output()).toContain(
      "Limits: shared by every replica through Redis (redis.url); limited requests refused with 503 while it is down (redis.fail_closed)",
    );

    await stopProcess(redis);
    const during = await key("during");
    for (const gateway of team.gateways) {
      const openai = await chat(gateway, during);
      expect(openai.status).toBe(503);
      expect(openai.headers.get("retry-after")).toBe("5");
      const openaiError = ((await openai.json()) as { error: { message: string; type: string } }).error;
      expect(openaiError.message).toBe(
        "Limits cannot be checked right now (the coordination store is unreachable); try again shortly.",
      );
      const anthropic = await messages(gateway, during);
      expect(anthropic.status).toBe(503);
      const anthropicBody = (await anthropic.json()) as { type: string; error: { type: string; message: string } };
      expect(anthropicBody.type).toBe("error");
      expect(anthropicBody.error.message).toBe(openaiError.message);
      // Keys without limits and the master key (no allowance configured) have nothing to check: served.
      for (const free of [unlimited, masterKey]) {
        const served = await chat(gateway, free);
        expect(served.status).toBe(200);
        await served.text();
      }
      expect(await healthOf(gateway)).toMatchObject({ status: "ok", redis: "down", limits: "refused" });
    }

    redis = await startRedis(port);
    await waitUntil(async () => {
      const states = await Promise.all(team.gateways.map(healthOf));
      return states.every((state) => state["redis"] === "up");
    }, 15_000);
    await awayFromMinuteEdge(15_000);
    expect(await alternate(team, await key("after"), 4)).toEqual([200, 200, 200, 429]);
    for (const gateway of team.gateways) expect(await healthOf(gateway)).toMatchObject({ limits: "global" });
  });
});
