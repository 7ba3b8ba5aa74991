import type { FastifyInstance } from "fastify";
import { GatewayError } from "../errors/gateway-error.js";
import { hasControlCharacter } from "../lib/control-characters.js";

function check(values: unknown): void {
  if (typeof values !== "object" || values === null) return;
  for (const [name, value] of Object.entries(values as Record<string, unknown>)) {
    const texts = Array.isArray(value) ? value : [value];
    if (texts.some((text) => typeof text === "string" && hasControlCharacter(text)))
      throw new GatewayError("invalid_request", `${name}: control characters (such as NUL) are not allowed.`, {
        param: name,
      });
  }
}

/**
 * Refuses, with a 400 naming it, an admin API path or query parameter holding a control character,
 * before any route reads it. (Key fields in a body are checked where they are read: `readKeyInput`.)
 */
export function refuseControlCharactersInAdminInput(app: FastifyInstance): void {
  app.addHook("preValidation", async (request) => {
    if (!request.url.startsWith("/api/") && !request.url.startsWith("/dashboard/api/")) return;
    check(request.params);
    check(request.query);
  });
}
