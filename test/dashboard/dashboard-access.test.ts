import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { dashboardKey, startDashboardStack, type DashboardStack } from "./start-dashboard-stack.js";

function cookieOf(response: Response): string {
  const header = response.headers.get("set-cookie") ?? "";
  return header.split(";")[0] ?? "";
}

describe("dashboard access with a key", () => {
  let stack: DashboardStack;
  beforeAll(async () => {
    stack = await startDashboardStack({ apiKey: dashboardKey });
  });
  afterAll(async () => stack.close());

  it("serves the page itself, with a same-origin content security policy, but no data without signing in", async () => {
    const page = await fetch(`${stack.url}/dashboard`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<div id="app">');
    expect(page.headers.get("content-security-policy")).toContain("default-src 'self'");
    const state = await fetch(`${stack.url}/dashboard/api/state`);
    expect(state.status).toBe(401);
    const body = (await state.json()) as { error: { message: string; type: string } };
    expect(body.error.message).toMatch(/Sign in to the dashboard/);
    const session = (await (await fetch(`${stack.url}/dashboard/api/session`)).json()) as Record<string, unknown>;
    expect(session).toEqual({ signed_in: false, key_required: true });
  });

  it("refuses a wrong key and gives a HttpOnly, SameSite=Strict, expiring cookie for the right one", async () => {
    const wrong = await fetch(`${stack.url}/dashboard/api/login`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ key: "not-the-key" }),
    });
    expect(wrong.status).toBe(401);
    expect(wrong.headers.get("set-cookie")).toBeNull();
    expect(((await wrong.json()) as { error: { message: string } }).error.message).toBe(
      "That is not the Switchboard API key or admin key.",
    );
    const right = await fetch(`${stack.url}/dashboard/api/login`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ key: dashboardKey }),
    });
    expect(right.status).toBe(200);
    const setCookie = right.headers.get("set-cookie") ?? "";
    expect(setCookie).toMatch(/HttpOnly/);
    expect(setCookie).toMatch(/SameSite=Strict/);
    expect(setCookie).toMatch(/Max-Age=43200/);
    expect(setCookie).not.toContain(dashboardKey);
    const { csrf_token: csrf } = (await right.json()) as { csrf_token: string };
    const cookie = cookieOf(right);
    const state = await fetch(`${stack.url}/dashboard/api/state`, { headers: { cookie } });
    expect(state.status).toBe(200);
    const text = await state.text();
    expect(text).not.toContain("sk-upstream-test");
    expect(JSON.parse(text)).toMatchObject({
      providers: expect.arrayContaining([
        { id: "openai", type: "openai", sign_in: { kind: "api-key", keyPresent: true } },
      ]),
    });

    // An action without the CSRF token, or from another origin, is refused even with the cookie.
    const noToken = await fetch(`${stack.url}/dashboard/api/github/cancel`, { method: "POST", headers: { cookie } });
    expect(noToken.status).toBe(403);
    const crossSite = await fetch(`${stack.url}/dashboard/api/github/cancel`, {
      method: "POST",
      headers: { cookie, "x-csrf-token": csrf, origin: "https://evil.example" },
    });
    expect(crossSite.status).toBe(403);
    const allowed = await fetch(`${stack.url}/dashboard/api/github/cancel`, {
      method: "POST",
      headers: { cookie, "x-csrf-token": csrf, origin: stack.url },
    });
    expect(allowed.status).toBe(200);
  });

  it("accepts the key itself in a header, for scripts", async () => {
    const state = await fetch(`${stack.url}/dashboard/api/state`, {
      headers: { authorization: `Bearer ${dashboardKey}` },
    });
    expect(state.status).toBe(200);
  });

  it("refuses a forged cookie", async () => {
    const forged = `switchboard_dashboard=${Date.now() + 60_000}.bm9uY2U.forged`;
    const state = await fetch(`${stack.url}/dashboard/api/state`, { headers: { cookie: forged } });
    expect(state.status).toBe(401);
  });
});

describe("dashboard access without a key", () => {
  it("signs the page in by itself on a loopback bind", async () => {
    const stack = await startDashboardStack();
    try {
      const session = await fetch(`${stack.url}/dashboard/api/session`);
      expect(((await session.json()) as { signed_in: boolean }).signed_in).toBe(true);
      const state = await fetch(`${stack.url}/dashboard/api/state`, { headers: { cookie: cookieOf(session) } });
      expect(state.status).toBe(200);
      expect((await fetch(`${stack.url}/dashboard/api/state`)).status).toBe(401);
    } finally {
      await stack.close();
    }
  });

  it("is not served when the gateway listens on every interface", async () => {
    const stack = await startDashboardStack({ host: "0.0.0.0" });
    try {
      const page = await fetch(`${stack.url}/dashboard`);
      expect(page.status).toBe(403);
      const body = (await page.json()) as { error: { message: string } };
      expect(body.error.message).toMatch(/Set server.api_key/);
    } finally {
      await stack.close();
    }
  });
});
