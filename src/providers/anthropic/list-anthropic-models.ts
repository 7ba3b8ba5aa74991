import { GatewayError } from "../../errors/index.js";
import { joinUrl, readJsonBody, sendUpstream } from "../../upstream/index.js";
import type { ModelInfo, UpstreamTimeouts } from "../provider.js";

export interface ListAnthropicModelsOptions {
  provider: string;
  baseUrl: string;
  headers: Record<string, string>;
  timeouts: UpstreamTimeouts;
  secrets: string[];
}

interface AnthropicModelPage {
  data?: Array<{ id?: unknown; display_name?: unknown }>;
  has_more?: unknown;
  last_id?: unknown;
}

/** Safety stop for a server that keeps answering `has_more: true`. */
const maximumPages = 20;

/** `GET /v1/models`, page by page (`limit`, `after_id`). */
export async function listAnthropicModels(options: ListAnthropicModelsOptions): Promise<ModelInfo[]> {
  const models: ModelInfo[] = [];
  let afterId: string | undefined;
  for (let page = 0; page < maximumPages; page++) {
    const query = new URLSearchParams({ limit: "1000" });
    if (afterId !== undefined) query.set("after_id", afterId);
    const response = await sendUpstream({
      provider: options.provider,
      url: joinUrl(options.baseUrl, "/v1/models", query.toString()),
      method: "GET",
      headers: { accept: "application/json", ...options.headers },
      timeouts: options.timeouts,
      secrets: options.secrets,
    });
    const body = (await readJsonBody(response.body)) as AnthropicModelPage | undefined;
    if (body === undefined || !Array.isArray(body.data)) {
      throw new GatewayError("upstream_error", `${options.provider} answered GET /v1/models without a "data" list.`, {
        upstream: { provider: options.provider, status: response.status },
      });
    }
    for (const entry of body.data) {
      if (typeof entry.id !== "string") continue;
      const model: ModelInfo = { id: entry.id, apis: ["anthropic-messages"] };
      if (typeof entry.display_name === "string") model.displayName = entry.display_name;
      models.push(model);
    }
    if (body.has_more !== true || typeof body.last_id !== "string") break;
    afterId = body.last_id;
  }
  return models;
}
