import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testRedisUrl } from "../../support/test-redis-url.js";
import { awayFromMinuteEdge, buildOnce, chat, masterKey, startTeam, type Gateway, type Team } from "./start-team.js";

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const shownHeaders = [
  "retry-after",
  "retry-after-ms",
  "x-should-retry",
  "x-switchboard-limit",
  "x-switchboard-limit-reset",
];

interface Answer {
  row: string;
  status: number;
  /** The error body's shape: OpenAI's `error.type`, or Anthropic's `type: error` with its `error.type`. */
  shape: string;
  headers: Record<string, string>;
  message: string;
}

async function answerOf(row: string, response: Response): Promise<Answer> {
  const headers: Record<string, string> = {};
  for (const name of shownHeaders) {
    const value = response.headers.get(name);
    if (value !== null) headers[name] = value;
  }
  const body = (await response.json()) as { type?: string; error?: { message?: string; type?: string } };
  const shape = body.type === "error" ? `Anthropic ${body.error?.type}` : `OpenAI ${body.error?.type}`;
  return { row, status: response.status, shape, headers, message: body.error?.message ?? "" };
}

function messages(gateway: Gateway, key: string): Promise<Response> {
  return fetch(`${gateway.url}/v1/messages`, {
    method: "POST",
    headers: { "x-api-key": key, "anthropic-version": "2023-06-01", "content-type": "application/json" },
    body: JSON.stringify({ model: "coder", max_tokens: 100, messages: [{ role: "user", content: "hello" }] }),
  });
}

/**
 * Each limit a key (or the master key) can run into, on a built gateway with its limits in Redis,
 * and the answer it gets: status, headers and message. The table printed at the end is the one
 * docs/teams.md shows.
 */
describe("the answer to each limit", () => {
  let team: Team;
  const answers: Answer[] = [];
  beforeAll(async () => {
    buildOnce();
    team = await startTeam({
      redisUrl: testRedisUrl,
      replicas: 1,
      serverLines: ["  master_key_limits: { rpm: 1 }"],
      // 1000 + 1000 tokens at a mid-range price: $0.018 an answer; "slow" keeps a request in flight.
      script: (call) => ({
        text: "hello",
        usage: { inputTokens: 1000, outputTokens: 1000 },
        ...(JSON.stringify(call.body).includes("slow") ? { delayMs: 1_500 } : {}),
      }),
    });
  }, 240_000);
  afterAll(async () => {
    if (answers.length > 0) {
      const lines = ["| the caller… | status | body | headers | message |", "| --- | --- | --- | --- | --- |"];
      for (const answer of answers) {
        const headers = Object.entries(answer.headers).map(([name, value]) => `\`${name}: ${value}\``);
        lines.push(
          `| ${answer.row} | ${answer.status} | ${answer.shape} | ${headers.join(", ")} | ${answer.message} |`,
        );
      }
      console.log(lines.join("\n"));
    }
    await team?.close();
  });

  async function createKey(body: Record<string, unknown>): Promise<{ id: string; key: string }> {
    const created = await team.admin(team.gateways[0]!, "POST", "/api/keys", body);
    expect(created.status).toBe(201);
    return created.body;
  }

  it("answers each in the caller's shape with the status, headers and message the issue asks for", async () => {
    const gateway = team.gateways[0]!;
    const send = (key: string, model = "coder") => chat(gateway, key, model);
    await awayFromMinuteEdge(30_000);

    const none = await fetch(`${gateway.url}/v1/chat/completions`, { method: "POST", body: "{}" });
    answers.push(await answerOf("sends no key", none));
    answers.push(await answerOf("sends a malformed key", await send("not-a-key")));
    answers.push(await answerOf("sends an unknown key", await send(`sk-sb-${randomBytes(32).toString("base64url")}`)));
    const revoked = await createKey({ name: "leaver" });
    expect((await team.admin(gateway, "POST", `/api/keys/${revoked.id}/revoke`)).status).toBe(200);
    await pause(600);
    answers.push(await answerOf("uses a revoked key", await send(revoked.key)));

    const listed = await createKey({ name: "alice", models: ["coder", "cached"] });
    answers.push(await answerOf("asks for a model not in its list", await send(listed.key, "other")));

    const rpm = await createKey({ name: "rpm-1", rpm: 1 });
    await (await send(rpm.key)).text();
    answers.push(await answerOf("is over `rpm` (1)", await send(rpm.key)));
    answers.push(await answerOf("is over `rpm` (1), on /v1/messages", await messages(gateway, rpm.key)));

    const tpm = await createKey({ name: "tpm-100", tpm: 100 });
    await (await send(tpm.key)).text();
    await pause(100);
    answers.push(await answerOf("is over `tpm` (100; one answer used 2000)", await send(tpm.key)));

    const parallel = await createKey({ name: "parallel-1", max_parallel: 1 });
    const slow = fetch(`${gateway.url}/v1/chat/completions`, {
      method: "POST",
      headers: { authorization: `Bearer ${parallel.key}`, "content-type": "application/json" },
      body: JSON.stringify({ model: "coder", messages: [{ role: "user", content: "slow" }] }),
    }).then((response) => response.text());
    await pause(300);
    const inFlight = await send(parallel.key);
    answers.push(await answerOf("has `max_parallel` (1) requests in flight", inFlight));
    await slow;

    const budget = await createKey({ name: "budget", budget: "0.01usd/day" });
    await (await send(budget.key)).text();
    await pause(200);
    answers.push(await answerOf("has spent its `budget` (0.01usd/day)", await send(budget.key)));

    await (await send(masterKey)).text();
    answers.push(await answerOf("is the master key over `server.master_key_limits.rpm` (1)", await send(masterKey)));

    const expected: Array<[number, string | undefined, RegExp]> = [
      [401, undefined, /^A valid Switchboard API key is required/],
      [401, undefined, /^A valid Switchboard API key is required/],
      [401, undefined, /^A valid Switchboard API key is required/],
      [401, undefined, /^The Switchboard key "leaver" \(key_\w+\) was revoked\.$/],
      [403, undefined, /may not use model "other"\. Models it may use: coder, cached\.$/],
      [
        429,
        "rpm",
        /^The Switchboard key "rpm-1" \(key_\w+\) is over its limit of 1 request per minute; retry in \d+ s\.$/,
      ],
      [429, "rpm", /is over its limit of 1 request per minute/],
      [429, "tpm", /is over its limit of 100 tokens per minute; retry in \d+ s\.$/],
      [429, "max_parallel", /is over its limit of 1 request in flight at once; retry in 1 s\.$/],
      [429, "budget", /has used up its budget of \$0\.01 per day; it resets at \d{4}-\d\d-\d\dT00:00:00\.000Z\.$/],
      [429, "rpm", /^The master key is over its limit of 1 request per minute; retry in \d+ s\.$/],
    ];
    expect(answers.map((answer) => answer.status)).toEqual(expected.map(([status]) => status));
    expect(answers.map((answer) => answer.shape.split(" ")[0])).toEqual([
      ...Array(6).fill("OpenAI"),
      "Anthropic",
      ...Array(4).fill("OpenAI"),
    ]);
    expected.forEach(([, limit, message], index) => {
      const answer = answers[index]!;
      expect(answer.message, answer.row).toMatch(message);
      expect(answer.headers["x-switchboard-limit"], answer.row).toBe(limit);
      if (limit === "budget") {
        expect(answer.headers["x-should-retry"]).toBe("false");
        expect(answer.headers["retry-after"]).toBeUndefined();
      } else if (limit !== undefined) {
        expect(Number(answer.headers["retry-after"]), answer.row).toBeGreaterThan(0);
        expect(Number(answer.headers["retry-after-ms"]), answer.row).toBeGreaterThan(0);
      }
    });
  });
});
