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
