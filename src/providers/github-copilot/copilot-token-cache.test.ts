import { describe, expect, it } from "vitest";
import { GatewayError } from "../../errors/index.js";
import { CopilotTokenCache, refreshTime } from "./copilot-token-cache.js";
import type { CopilotToken } from "./get-copilot-token.js";

const token = (name: string, expiresAt: number, refreshInSeconds?: number): CopilotToken => ({
  token: name,
  expiresAt,
  refreshInSeconds,
  apiUrl: undefined,
  sku: undefined,
});

describe("the Copilot token cache", () => {
  it("refreshes at refresh_in less a margin, never after expiry", () => {
    expect(refreshTime(token("a", 1_800_000, 1500), 0)).toBe(1_440_000);
    expect(refreshTime(token("a", 2_000), 0)).toBe(1_600);
  });

  it("hands a failed refresh to the waiting request, keeps an unexpired token, and tries again next time", async () => {
    let clock = 0;
    let fail = false;
    let issued = 0;
    const cache = new CopilotTokenCache({
      now: () => clock,
      exchange: async () => {
        if (fail) throw new GatewayError("upstream_authentication", "GitHub rejected the token");
        return token(`t${++issued}`, clock + 100_000, 50);
      },
    });
    expect((await cache.get()).token).toBe("t1");
    fail = true;
    clock = 60_000;
    expect((await cache.get()).token).toBe("t1");
    clock = 99_000;
    await expect(cache.get()).rejects.toMatchObject({ code: "upstream_authentication" });
    fail = false;
    expect((await cache.get()).token).toBe("t2");
  });

  it("does not hand out a token the API refused", async () => {
    let issued = 0;
    let fail = false;
    const cache = new CopilotTokenCache({
      exchange: async () => {
        if (fail) throw new GatewayError("permission", "no Copilot");
        return token(`t${++issued}`, Date.now() + 1_000_000);
      },
    });
    const first = await cache.get();
    fail = true;
    cache.invalidate(first);
    await expect(cache.get()).rejects.toMatchObject({ code: "permission" });
  });
});
