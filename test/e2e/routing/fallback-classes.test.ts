import { describe, expect, it } from "vitest";
import { faults } from "../../fake-upstream/index.js";
import type { FakeReply } from "../../fake-upstream/types.js";
import { sendChat, sendMessages, startRoutingStack, type UpstreamSpec } from "./support/start-routing-stack.js";

/** A chain `first → spare` where `first` answers with `failure` and `spare` serves. */
async function chainAfter(
  vendor: UpstreamSpec["vendor"],
  failure: FakeReply,
  routeExtra: Record<string, unknown> = {},
  firstSpec: Partial<UpstreamSpec> = {},
) {
  return startRoutingStack({
    upstreams: {
      first: { vendor, script: () => failure, ...firstSpec },
      spare: { vendor },
    },
    models: { coder: { deployments: ["first/m"], fallbacks: ["spare/m"], ...routeExtra } },
  });
}

const send = (vendor: UpstreamSpec["vendor"], url: string) =>
  vendor === "openai" ? sendChat(url, "coder") : sendMessages(url, "coder");

describe("each error class moves the request along the fallback chain", () => {
  const cases: { name: string; vendor: UpstreamSpec["vendor"]; failure: FakeReply; outcome: string }[] = [
    { name: "rate limit (429)", vendor: "openai", failure: faults.rateLimited(), outcome: "rate_limited(429)" },
    {
      name: "quota (insufficient_quota)",
      vendor: "openai",
      failure: faults.insufficientQuota(),
      outcome: "quota_exceeded(429)",
    },
    {
      name: "Copilot-style quota text",
      vendor: "openai",
      failure: faults.copilotQuota(),
      outcome: "quota_exceeded(429)",
    },
    { name: "server error (500)", vendor: "openai", failure: faults.serverError(), outcome: "upstream_error(500)" },
    {
      name: "overloaded (529)",
      vendor: "anthropic",
      failure: faults.overloaded(),
      outcome: "upstream_overloaded(529)",
    },
    { name: "connection reset", vendor: "openai", failure: faults.reset(), outcome: "upstream_unavailable" },
    {
      name: "OpenAI context_length_exceeded",
      vendor: "openai",
      failure: faults.openAiContextLength(),
      outcome: "context_length_exceeded(400)",
    },
    {
      name: "Anthropic prompt is too long",
      vendor: "anthropic",
      failure: faults.anthropicContextLength(),
      outcome: "context_length_exceeded(400)",
    },
  ];
  for (const { name, vendor, failure, outcome } of cases) {
    it(name, async () => {
      const stack = await chainAfter(vendor, failure);
      try {
        const response = await send(vendor, stack.url);
        expect(response.status).toBe(200);
        expect(response.headers.get("x-switchboard-provider")).toBe("spare");
        expect(response.headers.get("x-switchboard-model")).toBe("m");
        expect(response.headers.get("x-switchboard-route")).toBe("coder");
        expect(response.headers.get("x-switchboard-attempts")).toBe("2");
        expect(response.headers.get("x-switchboard-attempted")).toBe(`first/m=${outcome}, spare/m=ok`);
        expect(await response.text()).toContain("from spare");
      } finally {
        await stack.close();
      }
    });
  }

  it("a hang before the headers is a timeout: the next target serves", async () => {
    const stack = await chainAfter("openai", faults.hangBeforeHeaders(), {}, { timeouts: { first_byte_ms: 300 } });
    try {
      const response = await sendChat(stack.url, "coder");
      expect(response.status).toBe(200);
      expect(response.headers.get("x-switchboard-attempted")).toBe("first/m=upstream_timeout, spare/m=ok");
    } finally {
      await stack.close();
    }
  });

  it("content policy refusals move on only to the route's content_policy_fallbacks", async () => {
    const stack = await startRoutingStack({
      upstreams: {
        first: { vendor: "openai", script: () => faults.contentPolicy() },
        spare: { vendor: "openai" },
        lenient: { vendor: "openai" },
      },
      models: {
        coder: { deployments: ["first/m"], fallbacks: ["spare/m"], content_policy_fallbacks: ["lenient/m"] },
      },
    });
    try {
      const response = await sendChat(stack.url, "coder");
      expect(response.status).toBe(200);
      expect(response.headers.get("x-switchboard-provider")).toBe("lenient");
      expect(stack.calls("spare")).toHaveLength(0);
    } finally {
      await stack.close();
    }
  });

  it("a context-window error goes to the context_window_fallbacks, skipping windows no larger", async () => {
    const stack = await startRoutingStack({
      upstreams: {
        small: { vendor: "openai", contextWindow: 8192, script: () => faults.openAiContextLength() },
        same: { vendor: "openai", contextWindow: 8192 },
        large: { vendor: "openai", contextWindow: 200_000 },
      },
      models: {
        coder: { deployments: ["small/m"], context_window_fallbacks: ["same/m", "large/m"] },
      },
    });
    try {
      const response = await sendChat(stack.url, "coder");
      expect(response.status).toBe(200);
      expect(response.headers.get("x-switchboard-provider")).toBe("large");
      expect(stack.calls("same")).toHaveLength(0);
    } finally {
      await stack.close();
    }
  });

  it("a class the route leaves out of fallback_on ends the request with that error, unretried", async () => {
    const stack = await chainAfter("openai", faults.rateLimited(), { fallback_on: ["server_error"] });
    try {
      const response = await sendChat(stack.url, "coder");
      expect(response.status).toBe(429);
      expect(stack.calls("spare")).toHaveLength(0);
      expect(response.headers.get("x-switchboard-attempts")).toBe("1");
      // One attempt, no retry by the gateway: the client may retry this one later, and is told so.
      expect(response.headers.get("x-should-retry")).toBe("true");
    } finally {
      await stack.close();
    }
  });

  it("a bad request is never sent along the chain: another target would refuse it too", async () => {
    const stack = await chainAfter("openai", { error: { status: 400 } });
    try {
      const response = await sendChat(stack.url, "coder");
      expect(response.status).toBe(400);
      expect(stack.calls("spare")).toHaveLength(0);
    } finally {
      await stack.close();
    }
  });
});
