import { describe, expect, it } from "vitest";
import { DashboardSessions, readCookie } from "./dashboard-sessions.js";

describe("DashboardSessions", () => {
  it("verifies its own cookie, with the same CSRF token, until it expires", () => {
    let now = 1_000_000;
    const sessions = new DashboardSessions("key-one", () => now, 60_000);
    const { cookie, session } = sessions.issue();
    expect(sessions.verify(cookie)).toEqual(session);
    now += 59_999;
    expect(sessions.verify(cookie)?.csrfToken).toBe(session.csrfToken);
    now += 1;
    expect(sessions.verify(cookie)).toBeUndefined();
  });

  it("survives a restart with the same key and ends when the key changes", () => {
    const { cookie } = new DashboardSessions("key-one").issue();
    expect(new DashboardSessions("key-one").verify(cookie)).toBeDefined();
    expect(new DashboardSessions("key-two").verify(cookie)).toBeUndefined();
    // Without a key the secret is random: a new process does not accept an old cookie.
    expect(new DashboardSessions(undefined).verify(new DashboardSessions(undefined).issue().cookie)).toBeUndefined();
  });

  it("refuses a cookie whose expiry or nonce was edited", () => {
    const sessions = new DashboardSessions("key-one");
    const { cookie } = sessions.issue();
    const [expiry, nonce, mac] = cookie.split(".");
    expect(sessions.verify(`${Number(expiry) + 1_000_000}.${nonce}.${mac}`)).toBeUndefined();
    expect(sessions.verify(`${expiry}.AAAA${nonce}.${mac}`)).toBeUndefined();
    expect(sessions.verify(`${cookie}.extra`)).toBeUndefined();
    expect(sessions.verify("")).toBeUndefined();
  });

  it("checks CSRF tokens", () => {
    const { session } = new DashboardSessions("key-one").issue();
    expect(DashboardSessions.csrfMatches(session, session.csrfToken)).toBe(true);
    expect(DashboardSessions.csrfMatches(session, `${session.csrfToken}x`)).toBe(false);
    expect(DashboardSessions.csrfMatches(session, undefined)).toBe(false);
  });

  it("reads one cookie among several", () => {
    expect(readCookie("a=1; switchboard_dashboard=abc.def; b=2", "switchboard_dashboard")).toBe("abc.def");
    expect(readCookie("a=1", "switchboard_dashboard")).toBeUndefined();
  });
});
