import { afterEach, describe, expect, it } from "vitest";
import { closeUpstreamAgents, splitUrl, upstreamTarget } from "./upstream-agent.js";

const timeouts = { connectMs: 1_000, firstByteMs: 2_000, idleMs: 3_000 };

describe("upstreamTarget", () => {
  afterEach(() => closeUpstreamAgents());

  it("gives the same pool and the path for a URL, and one pool per origin and timeouts setting", () => {
    const chat = upstreamTarget("http://127.0.0.1:9/v1/chat/completions", timeouts);
    expect(chat.path).toBe("/v1/chat/completions");
    expect(upstreamTarget("http://127.0.0.1:9/v1/chat/completions", timeouts)).toBe(chat);
    // Another path, or equal timeouts in another object: the same pool.
    expect(upstreamTarget("http://127.0.0.1:9/v1/responses?x=1", timeouts)).toMatchObject({
      pool: chat.pool,
      path: "/v1/responses?x=1",
    });
    expect(upstreamTarget("http://127.0.0.1:9/v1/chat/completions", { ...timeouts }).pool).toBe(chat.pool);
    // Other timeouts or another origin: another pool.
    expect(upstreamTarget("http://127.0.0.1:9/v1/chat/completions", { ...timeouts, idleMs: 1 }).pool).not.toBe(
      chat.pool,
    );
    expect(upstreamTarget("http://127.0.0.2:9/v1/chat/completions", timeouts).pool).not.toBe(chat.pool);
  });

  it("forgets its pools when they are closed", async () => {
    const before = upstreamTarget("http://127.0.0.1:9/v1/messages", timeouts);
    await closeUpstreamAgents();
    expect(upstreamTarget("http://127.0.0.1:9/v1/messages", timeouts).pool).not.toBe(before.pool);
  });

  it("splitUrl sends unusual URLs through URL", () => {
    expect(splitUrl("https://user:pw@example.com/a?b#c")).toEqual({ origin: "https://example.com", path: "/a?b" });
    expect(splitUrl("http://example.com")).toEqual({ origin: "http://example.com", path: "/" });
  });
});
