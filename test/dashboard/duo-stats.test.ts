import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { dashboardKey, startDashboardStack, type DashboardStack } from "./start-dashboard-stack.js";

/** The GitLab Duo proxy's field names (nano-step/gitlab-duo-proxy, src/usage.ts): scripts read these. */
const modelStatsFields = [
  "totalRequests",
  "successCount",
  "errorCount",
  "totalInputTokens",
  "totalOutputTokens",
  "totalTokens",
  "avgLatencyMs",
  "latencySum",
];

/** What the tests read of the answers. */
interface Answer {
  [field: string]: unknown;
  uptime: number;
  startedAt: string;
  models: Record<string, Record<string, unknown>> & Array<Record<string, unknown>>;
  requestsByDay: Record<string, unknown>;
  requestsByHour: Record<string, unknown>;
  recentRequests: Array<Record<string, unknown>>;
}

describe("the Duo proxy's /dashboard/api/stats and /dashboard/api/models, from the usage store", () => {
  let stack: DashboardStack;
  const read = async (path: string) => {
    const response = await fetch(`${stack.url}${path}`, { headers: { authorization: `Bearer ${dashboardKey}` } });
    return { status: response.status, body: (await response.json()) as Answer };
  };
  beforeAll(async () => {
    stack = await startDashboardStack({ apiKey: dashboardKey, withStore: true });
    expect((await stack.chat("fast")).status).toBe(200);
    expect((await stack.chat("fast", { session: "s" })).status).toBe(200);
    expect((await stack.chat("careful")).status).toBe(200);
    await stack.server.usageStore?.flush();
  });
  afterAll(async () => stack?.close());

  it("answers stats in the Duo proxy's UsageSnapshot shape", async () => {
    const { status, body } = await read("/dashboard/api/stats");
    expect(status).toBe(200);
    expect(body).toMatchObject({
      totalRequests: 3,
      successCount: 3,
      errorCount: 0,
      totalInputTokens: 63,
      totalOutputTokens: 27,
      totalTokens: 90,
      range: "30d",
    });
    expect(body["uptime"]).toBeGreaterThanOrEqual(0);
    expect(Date.parse(body["startedAt"])).toBeLessThanOrEqual(Date.now());
    expect(Object.keys(body["models"]).sort()).toEqual(["gpt-big", "gpt-test"]);
    expect(Object.keys(body["models"]["gpt-test"] ?? {})).toEqual(modelStatsFields);
    expect(body["models"]["gpt-test"]).toMatchObject({ totalRequests: 2, successCount: 2, totalTokens: 60 });
    const today = new Date().toISOString();
    expect(body["requestsByDay"]).toEqual({ [today.slice(0, 10)]: { requests: 3, tokens: 90 } });
    expect(body["requestsByHour"][`${today.slice(0, 13)}:00`]).toEqual({ requests: 3, tokens: 90 });
    expect(body["recentRequests"]).toHaveLength(3);
    expect(body["recentRequests"][0]).toEqual({
      id: expect.any(String),
      timestamp: expect.any(Number),
      model: "gpt-big",
      endpoint: "chat-completions",
      status: "success",
      latencyMs: expect.any(Number),
      inputTokens: 21,
      outputTokens: 9,
      totalTokens: 30,
      stream: false,
    });
  });

  it("lists models with their provider, backend model and stats, and the routes as aliases", async () => {
    const { status, body } = await read("/dashboard/api/models?range=today");
    expect(status).toBe(200);
    expect(body["models"]).toContainEqual({
      id: "gpt-test",
      provider: "openai",
      backendModel: "gpt-test",
      stats: expect.objectContaining({ totalRequests: 2 }),
    });
    expect(body["aliases"]).toEqual({
      fast: "openai/gpt-test",
      careful: "openai/gpt-big",
      "duo-sonnet": "duo/claude-sonnet-4-6",
    });
  });

  it("names the parameter of an unknown range, and refuses without the key", async () => {
    const { status, body } = await read("/dashboard/api/stats?range=fortnight");
    expect(status).toBe(400);
    expect(body["error"]).toMatchObject({
      param: "range",
      message: expect.stringContaining('Unknown range "fortnight"'),
    });
    expect((await fetch(`${stack.url}/dashboard/api/models`)).status).toBe(401);
  });

  it("passes on the store API's 400 for an unknown filter, naming it, to scripts reading the page's JSON", async () => {
    for (const [path, param] of [
      ["/dashboard/api/requests?limit=5&colour=red", "colour"],
      ["/dashboard/api/usage?group_by=model&range=7d", "range"],
    ] as const) {
      const { status, body } = await read(path);
      expect(status, path).toBe(400);
      expect(body["error"], path).toMatchObject({
        param,
        message: expect.stringContaining(`Unknown parameter ${param}`),
      });
    }
    const filtered = await read("/dashboard/api/requests?limit=5&model=gpt-test");
    expect(filtered.status).toBe(200);
  });
});
