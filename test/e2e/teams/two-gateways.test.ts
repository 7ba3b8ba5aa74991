import pg from "pg";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { awayFromMinuteEdge, buildOnce, chat, startTeam, type Team } from "./start-team.js";
import { testRedisUrl } from "../../support/test-redis-url.js";

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe("two gateway processes sharing PostgreSQL and Redis", () => {
  let team: Team;
  beforeAll(async () => {
    buildOnce();
    team = await startTeam({
      redisUrl: testRedisUrl,
      // 1000 + 1000 tokens of a model priced like a mid-range one: $0.018 an answer.
      script: () => ({ text: "hello from the fake", usage: { inputTokens: 1000, outputTokens: 1000 } }),
    });
  }, 240_000);
  afterAll(async () => team?.close());

  async function createKey(body: Record<string, unknown>): Promise<{ id: string; key: string }> {
    const created = await team.admin(team.gateways[0]!, "POST", "/api/keys", body);
    expect(created.status).toBe(201);
    return created.body;
  }

  it("enforce one rate limit across both: a client alternating between them gets the limit, not twice it", async () => {
    const { key } = await createKey({ name: "alternating", rpm: 4 });
    await awayFromMinuteEdge(15_000);
    const statuses: number[] = [];
    for (let index = 0; index < 8; index += 1) {
      const response = await chat(team.gateways[index % 2]!, key);
      statuses.push(response.status);
      if (response.status === 429) {
        expect(Number(response.headers.get("retry-after"))).toBeGreaterThan(0);
        expect(response.headers.get("retry-after-ms")).not.toBeNull();
      }
      await response.text();
    }
    expect(statuses).toEqual([200, 200, 200, 200, 429, 429, 429, 429]);
  });

  it("enforce one budget across both, answering 429 with x-should-retry: false once it is spent", async () => {
    const { key } = await createKey({ name: "budgeted", budget: "0.05usd/month" });
    const statuses: number[] = [];
    let refusal: { message: string } | undefined;
    for (let index = 0; index < 6; index += 1) {
      const response = await chat(team.gateways[index % 2]!, key);
      statuses.push(response.status);
      if (response.status === 429) {
        expect(response.headers.get("x-should-retry")).toBe("false");
        refusal = ((await response.json()) as { error: { message: string } }).error;
      } else await response.text();
      // The spend is settled once the answer is over (just after its last byte).
      await pause(150);
    }
    // $0.018 an answer: three fit in $0.05 whichever gateway served them; per-process budgets would allow six.
    expect(statuses).toEqual([200, 200, 200, 429, 429, 429]);
    expect(refusal?.message).toMatch(
      /has used up its budget of \$0\.05 per month; it resets at \d{4}-\d{2}-01T00:00:00\.000Z/,
    );
  });

  it("refuse on the second a key revoked on the first within 1 s", async () => {
    const { id, key } = await createKey({ name: "leaver" });
    const [first, second] = [team.gateways[0]!, team.gateways[1]!];
    expect((await chat(second, key)).status).toBe(200);
    const revoked = await team.admin(first, "POST", `/api/keys/${id}/revoke`);
    const revokedAt = Date.now();
    expect(revoked.status).toBe(200);
    let status = 0;
    while (Date.now() - revokedAt < 2_000) {
      const response = await chat(second, key);
      status = response.status;
      await response.text();
      if (status === 401) break;
      await pause(20);
    }
    expect(status).toBe(401);
    expect(Date.now() - revokedAt).toBeLessThan(1_000);
  });

  it("serve on the second an answer the first cached", async () => {
    const { key } = await createKey({ name: "cache user" });
    const before = team.fake.calls.length;
    const first = await chat(team.gateways[0]!, key, "cached");
    expect(first.headers.get("x-switchboard-cache")).toBe("miss");
    const firstBody = await first.json();
    await pause(100);
    const second = await chat(team.gateways[1]!, key, "cached");
    expect(second.headers.get("x-switchboard-cache")).toBe("hit");
    expect(await second.json()).toEqual(firstBody);
    expect(team.fake.calls.length - before).toBe(1);
  });

  it("write the rows of both into one store, each with its key's id", async () => {
    const { id, key } = await createKey({ name: "recorded" });
    const requestIds: string[] = [];
    for (const gateway of team.gateways) {
      const response = await chat(gateway, key);
      expect(response.status).toBe(200);
      requestIds.push(response.headers.get("x-request-id")!);
      await response.text();
    }
    const client = new pg.Client({ connectionString: team.databaseUrl });
    await client.connect();
    try {
      await vi.waitFor(
        async () => {
          const rows = await client.query("select id, key_id from requests where id = any($1)", [requestIds]);
          expect(rows.rows.map((row) => row.key_id)).toEqual([id, id]);
        },
        { timeout: 10_000, interval: 200 },
      );
    } finally {
      await client.end();
    }
  });

  it("keep the master key working on both, with no allowance", async () => {
    for (const gateway of team.gateways) {
      const response = await chat(gateway, "sk-team-master-for-tests");
      expect(response.status).toBe(200);
      await response.text();
    }
  });
});
