import { describe, expect, it } from "vitest";
import { faults } from "../../fake-upstream/index.js";
import { sendChat, startRoutingStack } from "./support/start-routing-stack.js";

async function servedBy(url: string, model: string, count: number): Promise<string[]> {
  const providers: string[] = [];
  for (let index = 0; index < count; index += 1) {
    const response = await sendChat(url, model);
    await response.text();
    providers.push(response.headers.get("x-switchboard-provider") ?? "none");
  }
  return providers;
}

describe("deployments of one model share the load", () => {
  it("weighted shuffle: a deployment of weight 3 gets about three times the requests", async () => {
    const stack = await startRoutingStack({
      upstreams: { heavy: { vendor: "openai" }, light: { vendor: "openai" } },
      models: {
        coder: {
          deployments: [
            { target: "heavy/m", weight: 3 },
            { target: "light/m", weight: 1 },
          ],
        },
      },
    });
    try {
      const served = await servedBy(stack.url, "coder", 200);
      const heavy = served.filter((provider) => provider === "heavy").length;
      // Expected 150 of 200; the bounds are more than five standard deviations (about 6) away.
      expect(heavy).toBeGreaterThan(115);
      expect(heavy).toBeLessThan(185);
      expect(served.filter((provider) => provider === "light").length).toBe(200 - heavy);
    } finally {
      await stack.close();
    }
  });

  it("least-busy: while one deployment holds a stream open, new requests go to the other", async () => {
    let release: () => void = () => undefined;
    const held = new Promise<void>((resolve) => (release = resolve));
    let holding = true;
    const script = () => (holding ? { text: "held stream", pauseMidStream: held } : {});
    const stack = await startRoutingStack({
      upstreams: { one: { vendor: "openai", script }, two: { vendor: "openai", script } },
      models: { coder: { deployments: ["one/m", "two/m"], strategy: "least-busy" } },
    });
    try {
      const streaming = await sendChat(stack.url, "coder", { stream: true });
      const busy = streaming.headers.get("x-switchboard-provider");
      holding = false;
      const served = await servedBy(stack.url, "coder", 8);
      expect(served).toEqual(Array(8).fill(busy === "one" ? "two" : "one"));
      release();
      expect(await streaming.text()).toContain("data: [DONE]");
      // Released at the stream's end: both are idle again, so both get picked from here on.
      const after = await servedBy(stack.url, "coder", 40);
      expect(new Set(after)).toEqual(new Set(["one", "two"]));
    } finally {
      release();
      await stack.close();
    }
  });

  it("latency: once both are measured, requests go to the one with the lower time to first token", async () => {
    const stack = await startRoutingStack({
      upstreams: { slow: { vendor: "openai", script: () => ({ delayMs: 250 }) }, quick: { vendor: "openai" } },
      models: { coder: { deployments: ["slow/m", "quick/m"], strategy: "latency" } },
    });
    try {
      // Unmeasured deployments are tried first, so the first two requests measure both.
      expect(new Set(await servedBy(stack.url, "coder", 2))).toEqual(new Set(["slow", "quick"]));
      expect(await servedBy(stack.url, "coder", 6)).toEqual(Array(6).fill("quick"));
    } finally {
      await stack.close();
    }
  });

  it("a failing deployment cools down, is skipped, then gets one probe before it returns", async () => {
    let broken = true;
    const stack = await startRoutingStack({
      upstreams: {
        flaky: { vendor: "openai", script: () => (broken ? faults.serverError() : {}) },
        steady: { vendor: "openai" },
      },
      models: { coder: { deployments: ["flaky/m", "steady/m"], retries: 0 } },
      // Cooldowns long enough that the checks made inside one cannot outlast it on a loaded CI machine.
      router: { allowed_fails: 1, cooldown_s: 2.5 },
    });
    try {
      // Sooner or later the shuffle picks flaky first; its 500 cools it down (allowed_fails: 1).
      let cooled = false;
      for (let index = 0; index < 40 && !cooled; index += 1) {
        const response = await sendChat(stack.url, "coder");
        expect(response.status).toBe(200);
        cooled = stack.calls("flaky").length > 0;
      }
      expect(cooled).toBe(true);
      const callsWhenCooled = stack.calls("flaky").length;
      expect(await servedBy(stack.url, "coder", 10)).toEqual(Array(10).fill("steady"));
      expect(stack.calls("flaky")).toHaveLength(callsWhenCooled);

      broken = false;
      await new Promise((resolve) => setTimeout(resolve, 2_700));
      // The cooldown is over: the next request is flaky's probe, and it succeeds, so flaky is back.
      expect(await servedBy(stack.url, "coder", 1)).toEqual(["flaky"]);
      expect(new Set(await servedBy(stack.url, "coder", 40))).toEqual(new Set(["flaky", "steady"]));
    } finally {
      await stack.close();
    }
  });

  it("a failed probe sends the deployment back to its cooldown", async () => {
    const stack = await startRoutingStack({
      upstreams: { dead: { vendor: "openai", script: () => faults.serverError() }, steady: { vendor: "openai" } },
      models: { coder: { deployments: ["dead/m", "steady/m"] } },
      router: { allowed_fails: 1, cooldown_s: 2.5 },
    });
    try {
      for (let index = 0; index < 40 && stack.calls("dead").length === 0; index += 1)
        await servedBy(stack.url, "coder", 1);
      await new Promise((resolve) => setTimeout(resolve, 2_700));
      const before = stack.calls("dead").length;
      expect(await servedBy(stack.url, "coder", 1)).toEqual(["steady"]); // probe failed, steady served
      expect(stack.calls("dead")).toHaveLength(before + 1);
      await servedBy(stack.url, "coder", 10);
      expect(stack.calls("dead")).toHaveLength(before + 1);
    } finally {
      await stack.close();
    }
  });
});
