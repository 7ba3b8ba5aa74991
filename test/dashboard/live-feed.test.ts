import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startDashboardStack, type DashboardStack } from "./start-dashboard-stack.js";

describe("the dashboard's live feed (SSE)", () => {
  let stack: DashboardStack;
  beforeAll(async () => {
    stack = await startDashboardStack();
  });
  afterAll(async () => stack.close());

  it("pushes a finished request, without its body, within 2 s", async () => {
    const session = await fetch(`${stack.url}/dashboard/api/session`);
    const cookie = (session.headers.get("set-cookie") ?? "").split(";")[0] ?? "";
    const controller = new AbortController();
    const live = await fetch(`${stack.url}/dashboard/api/live`, { headers: { cookie }, signal: controller.signal });
    expect(live.headers.get("content-type")).toMatch(/^text\/event-stream/);
    const reader = live.body!.pipeThrough(new TextDecoderStream()).getReader();
    let text = "";
    const sent = Date.now();
    const answer = await stack.chat("fast", { user: "a secret prompt that must not be in the feed" });
    expect(answer.status).toBe(200);
    while (!text.includes("event: requests")) {
      const { value, done } = await reader.read();
      if (done) break;
      text += value;
    }
    expect(Date.now() - sent).toBeLessThan(2_000);
    const frame = text.slice(text.indexOf("event: requests"));
    const data = JSON.parse(frame.slice(frame.indexOf("data: ") + 6, frame.indexOf("\n\n", frame.indexOf("data: "))));
    expect(data).toEqual([
      expect.objectContaining({
        requested_model: "fast",
        model: "gpt-test",
        provider: "openai",
        status: 200,
        input_tokens: 21,
      }),
    ]);
    expect(text).toContain("retry: 1000");
    expect(text).not.toContain("a secret prompt");
    controller.abort();
  });

  it("answers the Duo-style JSON's bad range with a 400 naming the parameter", async () => {
    const session = await fetch(`${stack.url}/dashboard/api/session`);
    const cookie = (session.headers.get("set-cookie") ?? "").split(";")[0] ?? "";
    const answer = await fetch(`${stack.url}/dashboard/api/stats?range=fortnight`, { headers: { cookie } });
    expect(answer.status).toBe(400);
    const body = (await answer.json()) as { error: { message: string; param: string } };
    expect(body.error.param).toBe("range");
    expect(body.error.message).toMatch(/Unknown range "fortnight"/);
  });
});

describe("the Duo-proxy-style JSON for scripts", () => {
  it("answers /dashboard/api/stats and /dashboard/api/models from the store, with the key in a header", async () => {
    const stack = await startDashboardStack({ apiKey: "sk-scripts", withStore: true });
    try {
      for (const model of ["fast", "fast", "careful"]) expect((await stack.chat(model)).status).toBe(200);
      await new Promise((resolve) => setTimeout(resolve, 1_300)); // the store writes once a second
      const headers = { authorization: "Bearer sk-scripts" };
      const stats = (await (await fetch(`${stack.url}/dashboard/api/stats?range=today`, { headers })).json()) as Record<
        string,
        unknown
      >;
      expect(stats).toMatchObject({
        range: "today",
        total_requests: 3,
        successful_requests: 3,
        failed_requests: 0,
        success_rate: 1,
        total_input_tokens: 63,
        total_output_tokens: 27,
      });
      expect((stats["recent_requests"] as unknown[]).length).toBe(3);
      const models = (await (await fetch(`${stack.url}/dashboard/api/models`, { headers })).json()) as {
        models: Array<Record<string, unknown>>;
      };
      expect(models.models).toEqual([
        expect.objectContaining({ model: "gpt-test", requests: 2, errors: 0 }),
        expect.objectContaining({ model: "gpt-big", requests: 1, errors: 0 }),
      ]);
      expect((await fetch(`${stack.url}/dashboard/api/stats`)).status).toBe(401);
    } finally {
      await stack.close();
    }
  });
});
