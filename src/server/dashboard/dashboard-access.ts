import type { FastifyInstance, FastifyRequest } from "fastify";
import { GatewayError } from "../../errors/gateway-error.js";
import { keyMatches, presentedKey } from "../../lib/client-key.js";
import { DashboardSessions, readCookie, sessionCookieName, type DashboardSession } from "./dashboard-sessions.js";

declare module "fastify" {
  interface FastifyContextConfig {
    /** A dashboard route reachable before signing in (the page, its assets, the login). */
    dashboardOpen?: boolean;
  }
}

const safeMethods = new Set(["GET", "HEAD", "OPTIONS"]);

/** True when the server listens only where the machine itself can reach it. */
export function listensOnLoopback(app: FastifyInstance): boolean {
  const address = app.server.address();
  if (address === null || typeof address === "string") return false;
  const host = address.address.replace(/^::ffff:/, "");
  return host === "::1" || host.startsWith("127.");
}

/** A request from a page of another site: its `Origin` names another host than the one it was sent to. */
function crossOrigin(request: FastifyRequest): boolean {
  const origin = request.headers.origin;
  if (origin === undefined) return false;
  try {
    return new URL(origin).host !== request.headers.host;
  } catch {
    return true;
  }
}

export interface DashboardAccess {
  /** The session a request carries, if its cookie is valid. */
  sessionOf(request: FastifyRequest): DashboardSession | undefined;
  /** The onRequest check of every dashboard route. */
  check(request: FastifyRequest): void;
}

/** True when the presented key is one of the keys that open the dashboard (each compared in constant time). */
export function anyKeyMatches(presented: string | undefined, keys: readonly string[]): boolean {
  let matched = false;
  for (const key of keys) if (keyMatches(presented, key)) matched = true;
  return matched;
}

/**
 * Who may use the dashboard. With a key (the master key, the admin key, or both): a valid session
 * cookie (from logging in with one), or a key itself in a header (scripts reading
 * `/dashboard/api/stats`). Without a key: anyone,
 * but only while the gateway listens on loopback. Actions (anything but GET) from the page must
 * carry the session's CSRF token and come from the same origin.
 */
export function createDashboardAccess(options: {
  app: FastifyInstance;
  /** The keys that open the dashboard: `server.api_key` and `server.admin_key`, those that are set. */
  keys: readonly string[];
  sessions: DashboardSessions;
}): DashboardAccess {
  const { app, keys, sessions } = options;
  const sessionOf = (request: FastifyRequest): DashboardSession | undefined =>
    sessions.verify(readCookie(request.headers.cookie, sessionCookieName));
  return {
    sessionOf,
    check(request) {
      if (keys.length === 0 && !listensOnLoopback(app)) {
        throw new GatewayError(
          "permission",
          "The dashboard is served without a key only when Switchboard listens on a loopback address. Set server.api_key to open it here.",
        );
      }
      const unsafe = !safeMethods.has(request.method);
      if (unsafe && crossOrigin(request)) {
        throw new GatewayError("permission", "Dashboard actions are accepted only from the dashboard's own origin.");
      }
      if (request.routeOptions.config.dashboardOpen === true) return;
      const session = sessionOf(request);
      if (session !== undefined) {
        const token = request.headers["x-csrf-token"];
        if (unsafe && !DashboardSessions.csrfMatches(session, typeof token === "string" ? token : undefined)) {
          throw new GatewayError("permission", "This action needs the dashboard's CSRF token (x-csrf-token).");
        }
        return;
      }
      // Scripts send the key itself; a browser on another site cannot add this header without CORS.
      if (keys.length > 0 && anyKeyMatches(presentedKey(request.headers), keys)) return;
      if (keys.length === 0) {
        throw new GatewayError("authentication", "The dashboard session has ended; reload the page.");
      }
      throw new GatewayError("authentication", "Sign in to the dashboard with the Switchboard API key or admin key.");
    },
  };
}
