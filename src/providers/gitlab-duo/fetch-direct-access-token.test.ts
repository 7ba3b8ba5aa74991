import { describe, expect, it } from "vitest";
import { parseDirectAccessAnswer, parseExpiresAt } from "./fetch-direct-access-token.js";

describe("the direct_access answer", () => {
  it("keeps the token and the gateway headers, lower-cased, without credentials we set ourselves", () => {
    const answer = parseDirectAccessAnswer(
      JSON.stringify({
        token: "gateway-token",
        headers: {
          "X-Gitlab-Instance-Id": "instance-abc",
          "X-Gitlab-Realm": "saas",
          "x-api-key": "not-for-the-gateway",
        },
      }),
      "duo",
    );
    expect(answer).toEqual({
      token: "gateway-token",
      headers: { "x-gitlab-instance-id": "instance-abc", "x-gitlab-realm": "saas" },
    });
  });

  it("reads an expiry given in unix seconds, milliseconds or as an ISO date", () => {
    expect(parseExpiresAt(1_764_057_600)).toBe(1_764_057_600_000);
    expect(parseExpiresAt(1_764_057_600_000)).toBe(1_764_057_600_000);
    expect(parseExpiresAt("1764057600")).toBe(1_764_057_600_000);
    expect(parseExpiresAt("2025-11-25T08:00:00Z")).toBe(Date.parse("2025-11-25T08:00:00Z"));
    expect(parseExpiresAt(null)).toBeUndefined();
  });

  it("fails clearly when GitLab sends no token, without echoing one", () => {
    expect(() => parseDirectAccessAnswer('{"headers":{}}', "duo")).toThrow(/carried no token/);
    expect(() => parseDirectAccessAnswer("<html>", "duo")).toThrow(/carried no token/);
  });
});
