import type { FastifyInstance } from "fastify";
import type { Gateway } from "../../gateway/gateway.js";
import type { ListedModel } from "../../gateway/list-models.js";
import { pathPrefixes } from "../route-config.js";
import { modelsFor } from "./models-for-key.js";

/**
 * A model the account must enable first stays in the list (the user should learn it exists) with
 * `enabled: false` and how to enable it, so that a person or a setup tool reading the list does
 * not pick it and then meet the upstream's 403.
 */
function openaiShape(models: ListedModel[]): Record<string, unknown> {
  return {
    object: "list",
    data: models.map((model) => {
      const entry: Record<string, unknown> = { id: model.id, object: "model", created: 0, owned_by: model.ownedBy };
      const notEnabled = model.info?.notEnabled;
      if (notEnabled !== undefined)
        Object.assign(entry, { enabled: false, policy_state: notEnabled.state, fix: notEnabled.fix });
      return entry;
    }),
  };
}

function anthropicShape(models: ListedModel[]): Record<string, unknown> {
  const data = models.map((model) => ({
    type: "model",
    id: model.id,
    display_name: model.info?.displayName ?? model.id,
    created_at: "1970-01-01T00:00:00Z",
  }));
  return { data, has_more: false, first_id: data[0]?.id ?? null, last_id: data[data.length - 1]?.id ?? null };
}

/**
 * `GET /v1/models`: OpenAI's list shape, or Anthropic's when the client sends `anthropic-version`;
 * a key limited to some models sees only those.
 */
export function registerModelRoutes(app: FastifyInstance, gateway: Gateway): void {
  for (const prefix of pathPrefixes) {
    app.get(`${prefix}/models`, { config: { api: "openai-chat" } }, async (request) => {
      const models = await modelsFor(request.principal, await gateway.listModels(), gateway.table);
      return request.headers["anthropic-version"] === undefined ? openaiShape(models) : anthropicShape(models);
    });
  }
}
