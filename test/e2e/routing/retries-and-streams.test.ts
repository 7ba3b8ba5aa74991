import { describe, expect, it } from "vitest";
import { faults } from "../../fake-upstream/index.js";
import { sendChat, sendMessages, startRoutingStack } from "./support/start-routing-stack.js";

describe("retries, the deadline and the client-facing failure", () => {
  it("retries the same target after the upstream's retry-after, then serves", async () => {
    const stack = await startRoutingStack({
      upstreams: { only: { vendor: "openai", script: (_call, index) => (index === 0 ? faults.rateLimited(1) : {}) } },
      models: { coder: { deployments: ["only/m"], retries: 2 } },
      router: { backoff_base_ms: 1 },
    });
    try {
      const response = await sendChat(stack.url, "coder");
      expect(response.status).toBe(200);
      expect(response.headers.get("x-switchboard-attempted")).toBe("only/m=rate_limited(429), only/m=ok");
      const [first, second] = stack.calls("only");
      // The backoff alone would be 1 ms; the second call waited for the whole second asked.
      expect((second?.receivedAt ?? 0) - (first?.receivedAt ?? 0)).toBeGreaterThanOrEqual(1000);
    } finally {
      await stack.close();
    }
  });

  it("does not wait on the same target when retry-after is longer than max_retry_wait_s: the chain moves on", async () => {
    const stack = await startRoutingStack({
      upstreams: { first: { vendor: "openai", script: () => faults.rateLimited(120) }, spare: { vendor: "openai" } },
      models: { coder: { deployments: ["first/m"], fallbacks: ["spare/m"], retries: 3 } },
      router: { max_retry_wait_s: 5 },
    });
    try {
      const response = await sendChat(stack.url, "coder");
      expect(response.headers.get("x-switchboard-attempted")).toBe("first/m=rate_limited(429), spare/m=ok");
    } finally {
      await stack.close();
    }
  });

  it("after walking the chain, the error says x-should-retry: false and when to come back", async () => {
    const stack = await startRoutingStack({
      upstreams: {
        first: { vendor: "anthropic", script: () => faults.rateLimited(30) },
        second: { vendor: "anthropic", script: () => faults.rateLimited(7) },
      },
      models: { coder: ["first/m", "second/m"] },
    });
    try {
      const response = await sendMessages(stack.url, "coder");
      expect(response.status).toBe(429);
      expect(response.headers.get("x-should-retry")).toBe("false");
      expect(response.headers.get("x-switchboard-attempts")).toBe("2");
      expect(response.headers.get("x-switchboard-attempted")).toBe(
        "first/m=rate_limited(429), second/m=rate_limited(429)",
      );
      // The soonest either deployment may be asked again: second's 7 s.
      expect(Number(response.headers.get("retry-after"))).toBeGreaterThanOrEqual(6);
      expect(Number(response.headers.get("retry-after"))).toBeLessThanOrEqual(7);
      expect(Number(response.headers.get("retry-after-ms"))).toBeGreaterThan(5000);
      const body = (await response.json()) as { type: string; error: { type: string } };
      expect(body).toMatchObject({ type: "error", error: { type: "rate_limit_error" } });
    } finally {
      await stack.close();
    }
  });

  it("stops at the route's deadline even while a target hangs, and does not try the next", async () => {
    const stack = await startRoutingStack({
      upstreams: { slow: { vendor: "openai", script: () => faults.hangBeforeHeaders() }, spare: { vendor: "openai" } },
      models: { coder: { deployments: ["slow/m"], fallbacks: ["spare/m"], deadline_s: 0.5 } },
    });
    try {
      const started = Date.now();
      const response = await sendChat(stack.url, "coder");
      expect(response.status).toBe(504);
      expect(Date.now() - started).toBeLessThan(5000);
      expect(stack.calls("spare")).toHaveLength(0);
      const body = (await response.json()) as { error: { message: string } };
      expect(body.error.message).toMatch(/deadline/);
    } finally {
      await stack.close();
    }
  });
});

describe("streams: retried before the first byte, an in-stream error after it", () => {
  it("a stream whose upstream sends headers but no byte moves to the next target", async () => {
    const stack = await startRoutingStack({
      upstreams: {
        first: { vendor: "anthropic", timeouts: { idle_ms: 300 }, script: () => faults.hangBeforeFirstChunk() },
        spare: { vendor: "anthropic", script: () => ({ text: "spare" }) },
      },
      models: { coder: ["first/m", "spare/m"] },
    });
    try {
      const response = await sendMessages(stack.url, "coder", { stream: true });
      expect(response.status).toBe(200);
      expect(response.headers.get("x-switchboard-provider")).toBe("spare");
      expect(response.headers.get("x-switchboard-attempted")).toMatch(/^first\/m=upstream_\w+, spare\/m=ok$/);
      const text = await response.text();
      const deltas = [...text.matchAll(/"text_delta","text":"([^"]*)"/g)].map((match) => match[1]).join("");
      expect(deltas).toBe("spare");
      expect(text).toContain("event: message_stop");
      expect(text).not.toContain("event: error");
    } finally {
      await stack.close();
    }
  });

  it("a stream refused in its first event (Anthropic 200, then overloaded_error) moves to the next target", async () => {
    const stack = await startRoutingStack({
      upstreams: {
        first: { vendor: "anthropic", script: () => faults.overloadedInStream() },
        spare: { vendor: "anthropic" },
      },
      models: { coder: ["first/m", "spare/m"] },
    });
    try {
      const response = await sendMessages(stack.url, "coder", { stream: true });
      expect(response.headers.get("x-switchboard-attempted")).toBe("first/m=upstream_overloaded(529), spare/m=ok");
      const text = await response.text();
      expect(text).toContain("event: message_stop");
      expect(text).not.toContain("event: error");
    } finally {
      await stack.close();
    }
  });

  it("a stream reset before its headers moves to the next target", async () => {
    const stack = await startRoutingStack({
      upstreams: { first: { vendor: "openai", script: () => faults.reset() }, spare: { vendor: "openai" } },
      models: { coder: ["first/m", "spare/m"] },
    });
    try {
      const response = await sendChat(stack.url, "coder", { stream: true });
      expect(response.headers.get("x-switchboard-provider")).toBe("spare");
      expect(await response.text()).toContain("data: [DONE]");
    } finally {
      await stack.close();
    }
  });

  it("after the first byte, a stall becomes the stream's error event and nothing else is tried", async () => {
    const stack = await startRoutingStack({
      upstreams: {
        first: {
          vendor: "anthropic",
          timeouts: { idle_ms: 300 },
          script: () => ({ text: "partial answer", ...faults.hangMidStream() }),
        },
        spare: { vendor: "anthropic" },
      },
      models: { coder: ["first/m", "spare/m"] },
    });
    try {
      const response = await sendMessages(stack.url, "coder", { stream: true });
      expect(response.status).toBe(200);
      expect(response.headers.get("x-switchboard-provider")).toBe("first");
      const text = await response.text();
      expect(text).toContain("event: message_start");
      expect(text).toContain("event: error");
      expect(stack.calls("spare")).toHaveLength(0);
    } finally {
      await stack.close();
    }
  });
});

describe("parameter policy", () => {
  it("drops what a target cannot take, says so in x-switchboard-warnings, and leaves other targets' requests alone", async () => {
    const stack = await startRoutingStack({
      upstreams: {
        plain: { vendor: "anthropic", script: (_call, index) => (index === 0 ? faults.overloaded() : {}) },
        thinker: { vendor: "anthropic" },
      },
      models: {
        coder: { deployments: [{ target: "plain/m", drop_params: ["thinking"] }], fallbacks: ["thinker/m"] },
        plain: { deployments: [{ target: "plain/m", drop_params: ["thinking"] }] },
      },
      router: { additional_drop_params: ["metadata"] },
    });
    try {
      const thinking = { type: "enabled", budget_tokens: 1024 };
      const response = await sendMessages(stack.url, "coder", { thinking, metadata: { user_id: "u" } });
      expect(response.status).toBe(200);
      const [plainCall] = stack.calls("plain");
      const [thinkerCall] = stack.calls("thinker");
      expect(plainCall?.body).not.toHaveProperty("thinking");
      expect(plainCall?.body).not.toHaveProperty("metadata");
      expect(thinkerCall?.body).toHaveProperty("thinking", thinking);
      expect(thinkerCall?.body).not.toHaveProperty("metadata");
      expect(JSON.parse(response.headers.get("x-switchboard-warnings") ?? "[]")).toEqual([
        { type: "unsupported", feature: "metadata", detail: "dropped: dropped by additional_drop_params" },
      ]);

      const direct = await sendMessages(stack.url, "plain", { thinking, max_tokens: 2048 });
      expect(direct.status).toBe(200);
      expect(stack.calls("plain")[1]?.body).not.toHaveProperty("thinking");
      const warnings = JSON.parse(direct.headers.get("x-switchboard-warnings") ?? "[]") as { feature: string }[];
      expect(warnings.map((warning) => warning.feature)).toEqual(["thinking"]);
    } finally {
      await stack.close();
    }
  });
});
