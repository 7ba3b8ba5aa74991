import type { FastifyInstance } from "fastify";
import { GatewayError } from "../../errors/gateway-error.js";
import { keyMatches } from "../../lib/client-key.js";
import { parseJsonBody } from "../parse-json-body.js";
import type { DashboardAccess } from "./dashboard-access.js";
import { sessionCookie, type DashboardSessions } from "./dashboard-sessions.js";

const open = { config: { dashboardOpen: true } };

/**
 * `GET /dashboard/api/session` (am I signed in? the CSRF token), `POST /dashboard/api/login`
 * (the key, once, for a cookie) and `POST /dashboard/api/logout`.
 */
export function registerSessionRoutes(
  app: FastifyInstance,
  options: { apiKey: string | undefined; sessions: DashboardSessions; access: DashboardAccess },
): void {
  const { apiKey, sessions, access } = options;
  const keyRequired = apiKey !== undefined;

  app.get("/api/session", open, async (request, reply) => {
    const session = access.sessionOf(request);
    if (session !== undefined) return { signed_in: true, key_required: keyRequired, csrf_token: session.csrfToken };
    if (keyRequired) return { signed_in: false, key_required: true };
    // No key: the access check has already made sure that only this machine can reach us.
    const issued = sessions.issue();
    void reply.header(
      "set-cookie",
      sessionCookie(issued.cookie, Math.round((issued.session.expiresAt - Date.now()) / 1000)),
    );
    return { signed_in: true, key_required: false, csrf_token: issued.session.csrfToken };
  });

  app.post("/api/login", open, async (request, reply) => {
    const { body } = parseJsonBody(request.body);
    const key = typeof body === "object" && body !== null ? (body as Record<string, unknown>)["key"] : undefined;
    if (typeof key !== "string" || key === "") {
      throw new GatewayError("invalid_request", 'Send the Switchboard API key as {"key": "…"}.', { param: "key" });
    }
    if (apiKey === undefined || !keyMatches(key, apiKey)) {
      throw new GatewayError("authentication", "That is not the Switchboard API key.", { param: "key" });
    }
    const issued = sessions.issue();
    void reply.header(
      "set-cookie",
      sessionCookie(issued.cookie, Math.round((issued.session.expiresAt - Date.now()) / 1000)),
    );
    return { signed_in: true, key_required: true, csrf_token: issued.session.csrfToken };
  });

  app.post("/api/logout", async (_request, reply) => {
    void reply.header("set-cookie", sessionCookie("", 0));
    return { signed_in: false };
  });
}
