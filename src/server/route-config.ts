import type { WireApi } from "../protocols/wire-api.js";

declare module "fastify" {
  interface FastifyContextConfig {
    /** The API whose error shape this route answers in. */
    api?: WireApi;
    /** Reachable without the client key (`/health`, `HEAD /`). */
    public?: boolean;
    /** A generation route: it checks the client key and reads the body itself. */
    generation?: boolean;
    /** Checks the client key itself and answers refusals in its own protocol (the MCP routes). */
    selfAuthenticated?: boolean;
  }
}

/** Where clients put the API root: `/v1` (the norm), `` (base URL without /v1), `/v1/v1` (base URL with /v1 plus a client that adds it again). */
export const pathPrefixes = ["/v1", "", "/v1/v1"] as const;
