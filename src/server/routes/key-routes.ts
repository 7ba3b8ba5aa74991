import type { FastifyInstance, FastifyRequest } from "fastify";
import { GatewayError } from "../../errors/gateway-error.js";
import { keyJson } from "../../keys/key-json.js";
import type { KeyService } from "../../keys/key-service.js";
import { KeyInputError } from "../../keys/parse-limits.js";
import { describeUnknownKeyModels, unknownKeyModels, type KnownRoutes } from "../../keys/unknown-key-models.js";
import type { KeySummary } from "../../keys/virtual-key.js";
import type { KeyActivity, ReadKeyActivity } from "../key-activity.js";
import { onlyParameters, type Query } from "./usage-routes.js";

function bodyObject(request: FastifyRequest): Record<string, unknown> {
  const raw = request.body;
  let parsed: unknown = {};
  if (Buffer.isBuffer(raw) && raw.length > 0) {
    try {
      parsed = JSON.parse(raw.toString("utf8"));
    } catch {
      throw new GatewayError("invalid_request", "The request body is not valid JSON.");
    }
  }
  if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) {
    throw new GatewayError("invalid_request", "The request body must be a JSON object.");
  }
  return parsed as Record<string, unknown>;
}

/** Key input errors as the admin API answers them: 400 naming the field, 404 for an unknown id. */
async function answering<T>(operation: () => Promise<T>): Promise<T> {
  try {
    return await operation();
  } catch (error) {
    if (error instanceof KeyInputError) {
      if (error.field === "id") throw new GatewayError("not_found", error.message, { param: "id" });
      throw new GatewayError("invalid_request", error.message, { param: error.field });
    }
    throw error;
  }
}

function idOf(request: FastifyRequest): string {
  return (request.params as { id: string }).id;
}

/** A key's JSON with what the store says of it: `last_used_at` and `spent` (null without a store). */
function withActivity(key: KeySummary, activity: KeyActivity | undefined): Record<string, unknown> {
  return {
    ...keyJson(key),
    last_used_at: activity?.lastUsedAt ?? null,
    spent:
      activity === undefined
        ? null
        : {
            budget_usd: activity.spentUsd,
            budget_resets_at: activity.budgetResetsAt,
            premium_requests: activity.spentPremium,
            premium_requests_reset_at: activity.premiumResetsAt,
          },
  };
}

/**
 * `/api/keys`: list, create (the key is in this one answer only), show, update, revoke, rotate.
 * The master or admin key only (the app's auth hook refuses virtual keys on `/api/`); the dashboard
 * registers the same routes under `/dashboard`, behind its session and CSRF check.
 */
export function registerKeyRoutes(
  app: FastifyInstance,
  keys: KeyService,
  readActivity?: ReadKeyActivity,
  routes?: KnownRoutes,
): void {
  // Models no route is named after: said in `warnings`, not refused (a route can come by config reload).
  const warningsFor = async (key: KeySummary): Promise<string[]> => {
    if (routes === undefined) return [];
    const unknown = await unknownKeyModels(key.models, routes);
    return unknown.length === 0 ? [] : [describeUnknownKeyModels(unknown, routes)];
  };
  const described = async (list: KeySummary[]) => {
    const activity = readActivity === undefined ? undefined : await readActivity(list);
    return list.map((key) => withActivity(key, activity?.get(key.id)));
  };
  app.get("/api/keys", async (request) => {
    onlyParameters(request.query as Query, []);
    return { keys: await described(await keys.list()) };
  });
  app.post("/api/keys", async (request, reply) => {
    const created = await answering(() => keys.create(bodyObject(request)));
    await reply
      .code(201)
      .send({ ...keyJson(created.key), key: created.secret, warnings: await warningsFor(created.key) });
  });
  app.get("/api/keys/:id", async (request) => (await described([await answering(() => keys.get(idOf(request)))]))[0]);
  app.patch("/api/keys/:id", async (request) => {
    const body = bodyObject(request);
    const updated = await answering(() => keys.update(idOf(request), body));
    return { ...keyJson(updated), warnings: body["models"] === undefined ? [] : await warningsFor(updated) };
  });
  app.post("/api/keys/:id/revoke", async (request) => keyJson(await answering(() => keys.revoke(idOf(request)))));
  app.delete("/api/keys/:id", async (request) => keyJson(await answering(() => keys.revoke(idOf(request)))));
  app.post("/api/keys/:id/rotate", async (request) => {
    const rotated = await answering(() => keys.rotate(idOf(request)));
    return { ...keyJson(rotated.key), key: rotated.secret };
  });
}
