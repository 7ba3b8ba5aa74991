import { readFile, stat } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startDashboardStack, type DashboardStack } from "./start-dashboard-stack.js";

async function until<T>(read: () => Promise<T>, done: (value: T) => boolean, timeoutMs = 10_000): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (done(value) || Date.now() > end) return value;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

describe("GitHub sign-in from the dashboard (against the fake GitHub)", () => {
  let stack: DashboardStack;
  let cookie = "";
  let csrf = "";
  const call = async (path: string, method = "GET"): Promise<Record<string, unknown>> => {
    const response = await fetch(`${stack.url}/dashboard/api/${path}`, {
      method,
      headers: { cookie, ...(method === "GET" ? {} : { "x-csrf-token": csrf }) },
    });
    return (await response.json()) as Record<string, unknown>;
  };
  const copilotSignIn = async (): Promise<Record<string, unknown> | undefined> => {
    const state = (await call("state")) as { providers: Array<{ id: string; sign_in: Record<string, unknown> }> };
    return state.providers.find((provider) => provider.id === "copilot")?.sign_in;
  };

  beforeAll(async () => {
    stack = await startDashboardStack();
    const session = await fetch(`${stack.url}/dashboard/api/session`);
    cookie = (session.headers.get("set-cookie") ?? "").split(";")[0] ?? "";
    csrf = ((await session.json()) as { csrf_token: string }).csrf_token;
  });
  afterAll(async () => stack.close());

  it("runs the device flow, saves the token as `switchboard login github` does, and Copilot serves without a restart", async () => {
    expect(await copilotSignIn()).toEqual({ kind: "github", signedIn: false });
    const refused = await stack.chat("copilot/gpt-4.1");
    expect(refused.status).toBeGreaterThanOrEqual(400);

    const waiting = await call("github/sign-in", "POST");
    expect(waiting).toMatchObject({ phase: "waiting", user_code: "ABCD-1234" });
    expect(String(waiting["verification_uri"])).toBe(`${stack.github.githubUrl}/login/device`);

    const done = await until(
      () => call("github"),
      (state) => state["phase"] !== "waiting",
    );
    expect(done).toEqual({ phase: "signed-in", account: "octocat", plan: "individual", problem: null });

    const path = join(stack.configDir, "github-token.json");
    expect((await stat(path)).mode & 0o777).toBe(0o600);
    expect((await stat(stack.configDir)).mode & 0o777).toBe(0o700);
    const saved = JSON.parse(await readFile(path, "utf8")) as Record<string, unknown>;
    expect(saved).toMatchObject({ token: "ghu_fromdevice", host: new URL(stack.github.githubUrl).host });

    const served = await stack.chat("copilot/gpt-4.1");
    expect(served.status).toBe(200);
    expect(await copilotSignIn()).toMatchObject({
      kind: "github",
      signedIn: true,
      account: "octocat",
      plan: "individual",
      quotaResetDate: "2026-12-01",
      premiumRequests: { entitlement: 300, remaining: 237, unlimited: false },
    });
    expect(JSON.stringify(await call("state"))).not.toContain("ghu_fromdevice");
  });

  it("signs out: the saved token is removed and Copilot no longer signs in", async () => {
    const answer = await call("github/sign-out", "POST");
    expect(answer).toEqual({ removed: true, still_signed_in_with: null });
    await expect(stat(join(stack.configDir, "github-token.json"))).rejects.toThrow();
    expect(await copilotSignIn()).toEqual({ kind: "github", signedIn: false });
  });
});
