import { describe, expect, it } from "vitest";
import { DirectAccessTokenCache } from "./direct-access-token-cache.js";
import type { DirectAccessToken } from "./fetch-direct-access-token.js";

const minute = 60_000;

/** A token source the test answers by hand, so nothing depends on real time. */
function createManualSource(lifeMs?: number) {
  let now = 0;
  let fetches = 0;
  const pending: Array<{ resolve: (token: DirectAccessToken) => void; reject: (error: Error) => void }> = [];
  const cache = new DirectAccessTokenCache({
    now: () => now,
    fetchToken: () => {
      fetches += 1;
      return new Promise((resolve, reject) => pending.push({ resolve, reject }));
    },
  });
  return {
    cache,
    get fetches() {
      return fetches;
    },
    advance(ms: number) {
      now += ms;
    },
    answer(serial: number) {
      const token: DirectAccessToken = { token: `t${serial}`, headers: { "x-gitlab-realm": "saas" } };
      if (lifeMs !== undefined) token.expiresAt = now + lifeMs;
      pending.shift()?.resolve(token);
    },
    fail() {
      pending.shift()?.reject(new Error("direct_access failed"));
    },
  };
}

describe("DirectAccessTokenCache", () => {
  it("fetches once however many requests wait for the first token", async () => {
    const source = createManualSource();
    const waiting = Array.from({ length: 30 }, () => source.cache.get());
    source.answer(1);
    const tokens = await Promise.all(waiting);
    expect(source.fetches).toBe(1);
    expect(new Set(tokens.map((token) => token.token))).toEqual(new Set(["t1"]));
  });

  it("without a known expiry, serves the token for 25 minutes, then refreshes beside the requests", async () => {
    const source = createManualSource();
    const first = source.cache.get();
    source.answer(1);
    await first;
    source.advance(24 * minute);
    expect((await source.cache.get()).token).toBe("t1");
    expect(source.fetches).toBe(1);
    source.advance(2 * minute);
    expect((await source.cache.get()).token).toBe("t1");
    expect(source.fetches).toBe(2);
    source.answer(2);
    await Promise.resolve();
    expect((await source.cache.get()).token).toBe("t2");
  });

  it("with a known life, refreshes at 80% of it and makes requests wait past 90%", async () => {
    const source = createManualSource(10 * minute);
    const first = source.cache.get();
    source.answer(1);
    await first;
    source.advance(8.5 * minute);
    expect((await source.cache.get()).token).toBe("t1");
    expect(source.fetches).toBe(2);
    source.fail();
    await new Promise((resolve) => setImmediate(resolve));
    source.advance(1 * minute);
    const waiting = source.cache.get();
    expect(source.fetches).toBe(3);
    source.answer(3);
    expect((await waiting).token).toBe("t3");
  });

  it("keeps serving the cached token when a background refresh fails, and tries again later", async () => {
    const source = createManualSource();
    const first = source.cache.get();
    source.answer(1);
    await first;
    source.advance(30 * minute);
    expect((await source.cache.get()).token).toBe("t1");
    source.fail();
    await new Promise((resolve) => setImmediate(resolve));
    expect((await source.cache.get()).token).toBe("t1");
    expect(source.fetches).toBe(3);
  });

  it("drops a refused token once, and ignores refusals of a token already replaced", async () => {
    const source = createManualSource();
    const first = source.cache.get();
    source.answer(1);
    const stale = await first;
    source.cache.invalidate(stale);
    const second = source.cache.get();
    source.cache.invalidate(stale);
    const third = source.cache.get();
    source.answer(2);
    expect((await second).token).toBe("t2");
    expect((await third).token).toBe("t2");
    source.cache.invalidate(stale);
    expect((await source.cache.get()).token).toBe("t2");
    expect(source.fetches).toBe(2);
  });

  it("passes a failed first fetch to every waiting request, then fetches anew", async () => {
    const source = createManualSource();
    const waiting = [source.cache.get(), source.cache.get()];
    source.fail();
    for (const request of waiting) await expect(request).rejects.toThrow("direct_access failed");
    const retry = source.cache.get();
    source.answer(2);
    expect((await retry).token).toBe("t2");
    expect(source.fetches).toBe(2);
  });
});
