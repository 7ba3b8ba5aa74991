import type { LoadedConfig } from "../config/load-config.js";
import type { ListedModel } from "../gateway/list-models.js";

export const exampleConfig = `server:
  api_key: \${PROXY_API_KEY}
providers:
  anthropic:
    type: anthropic
    api_key: \${ANTHROPIC_API_KEY}
  openai:
    type: openai
    api_key: \${OPENAI_API_KEY}
models:
  sonnet: anthropic/claude-sonnet-4-5
  "*": [openai/gpt-5-mini]`;

/** Only this machine can reach an address of the loopback interface. */
function isLoopback(host: string): boolean {
  return host === "localhost" || host === "::1" || /^127\.\d+\.\d+\.\d+$/.test(host);
}

/** Where limits are decided, when a Redis is configured: a cache Redis alone never shares them. */
function describeCoordination(config: LoadedConfig["config"]): string[] {
  const teams = config.teams;
  if (teams?.redis !== undefined) {
    const whileDown = teams.redis.failClosed
      ? "limited requests refused with 503 while it is down (redis.fail_closed)"
      : "per process while it is down";
    return [`Limits: shared by every replica through Redis (redis.url); ${whileDown}`];
  }
  if (teams?.cache.redisUrl !== undefined) {
    return [
      "Warning: cache.redis.url holds only the response cache; limits are per process (each replica allows the whole limit). Set redis.url (or REDIS_URL) to share them.",
    ];
  }
  return [];
}

/** The start-up banner: where it listens, what it routes, how to point clients at it. */
export function describeStartup(options: {
  loaded: LoadedConfig;
  url: string;
  models: ListedModel[] | undefined;
}): string[] {
  const { loaded, url, models } = options;
  const lines = [`Switchboard listening on ${url}`];
  const { host, apiKey } = loaded.config.server;
  if (apiKey === undefined && !isLoopback(host)) {
    lines.push(
      `Warning: listening on ${host}, beyond this machine, with no client key: anyone who can reach it can use your providers. Set server.api_key (or PROXY_API_KEY), or listen on 127.0.0.1 only (the default; --host 127.0.0.1).`,
    );
  }
  lines.push(loaded.source === undefined ? "Config: none found (using the environment)" : `Config: ${loaded.source}`);
  lines.push(...describeCoordination(loaded.config));
  const providers = Object.entries(loaded.config.providers);
  if (providers.length === 0) {
    lines.push(
      "",
      "No provider is configured yet, so every model request will be refused. Any one of these helps:",
      "  - GitHub Copilot: `switchboard login github` (or GH_TOKEN, or an existing `gh auth login`)",
      "  - GitLab Duo: GITLAB_TOKEN (a personal access token with the api scope), GITLAB_INSTANCE_URL",
      "  - OPENAI_API_KEY, ANTHROPIC_API_KEY or OPENROUTER_API_KEY",
      "  - ./switchboard.yaml (or ~/.config/switchboard/config.yaml), for example:",
      "",
      ...exampleConfig.split("\n").map((line) => `  ${line}`),
      "",
      "Environment: PORT, HOST, PROXY_API_KEY (client key), LOG_LEVEL, REQUEST_TIMEOUT (seconds), MAX_RETRIES.",
    );
    return lines;
  }
  const implicit = new Set(loaded.implicitProviders);
  lines.push(
    `Providers: ${providers.map(([id, entry]) => `${id} (${entry.type}${implicit.has(id) ? ", from the environment" : ""})`).join(", ")}`,
  );
  if (models === undefined) lines.push("Models: still listing; see GET /v1/models");
  else if (models.length === 0) lines.push("Models: none listed yet; see GET /v1/models");
  else lines.push(`Models: ${models.map((model) => model.id).join(", ")}`);
  if (loaded.config.models["*"] !== undefined)
    lines.push(`Any other model name goes to: ${loaded.config.models["*"].join(", ")}`);
  lines.push(
    "",
    "Point clients at it:",
    `  Claude Code: ANTHROPIC_BASE_URL=${url}`,
    `  Codex / OpenAI SDKs: OPENAI_BASE_URL=${url}/v1`,
  );
  if (loaded.config.server.apiKey === undefined && isLoopback(host))
    lines.push("No client key is set (server.api_key / PROXY_API_KEY): anyone who can reach this address can use it.");
  return lines;
}
