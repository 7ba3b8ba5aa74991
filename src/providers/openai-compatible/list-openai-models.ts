import { GatewayError } from "../../errors/index.js";
import { readJsonBody, sendUpstream } from "../../upstream/index.js";
import type { UpstreamTimeouts } from "../provider.js";

export interface ListOpenAiModelsOptions {
  provider: string;
  url: string;
  headers: Record<string, string>;
  timeouts: UpstreamTimeouts;
  secrets: string[];
}

/** `GET /models` in OpenAI's shape (`{ data: [{ id }] }`), which compatible servers copy. */
export async function listOpenAiModels(options: ListOpenAiModelsOptions): Promise<string[]> {
  const response = await sendUpstream({
    provider: options.provider,
    url: options.url,
    method: "GET",
    headers: { accept: "application/json", ...options.headers },
    timeouts: options.timeouts,
    secrets: options.secrets,
  });
  const body = await readJsonBody(response.body);
  const data = (body as { data?: unknown } | undefined)?.data;
  if (!Array.isArray(data)) {
    throw new GatewayError("upstream_error", `${options.provider} answered GET /models without a "data" list.`, {
      upstream: { provider: options.provider, status: response.status },
    });
  }
  return data
    .map((entry: unknown) => (entry as { id?: unknown } | null)?.id)
    .filter((id): id is string => typeof id === "string" && id !== "");
}
