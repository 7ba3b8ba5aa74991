type Json = Record<string, unknown>;

/** The LiteLLM keys this file maps (router_settings' Redis, litellm_settings' cache). */
export const litellmTeamsRouterKeys = ["redis_host", "redis_port", "redis_password", "redis_url"];
export const litellmTeamsCacheKeys = ["cache", "cache_params"];

function asObject(value: unknown): Json {
  return typeof value === "object" && value !== null && !Array.isArray(value) ? (value as Json) : {};
}

/** `redis://[:password@]host:port` from LiteLLM's separate fields (environment references kept for expansion). */
function redisUrl(host: unknown, port: unknown, password: unknown): string | undefined {
  if (typeof host !== "string" || host === "") return undefined;
  let auth = "";
  if (typeof password === "string" && password !== "") {
    // `os.environ/NAME` becomes `${NAME}`, expanded with the rest of the file; a literal is URL-encoded.
    auth = password.startsWith("os.environ/")
      ? `:\${${password.slice("os.environ/".length)}}@`
      : `:${encodeURIComponent(password)}@`;
  }
  const hostName = host.startsWith("os.environ/") ? `\${${host.slice("os.environ/".length)}}` : host;
  return `redis://${auth}${hostName}:${typeof port === "number" || typeof port === "string" ? port : 6379}`;
}

/**
 * LiteLLM's Redis coordination (`router_settings.redis_host/port/password`) becomes `redis.url`;
 * `litellm_settings.cache: true` with `cache_params` (type, host, port, password, ttl) becomes
 * `cache` (every route, as LiteLLM caches every call when on). A cache Redis is only the
 * cache's: choosing a cache never removes coordination.
 */
export function convertLitellmTeams(routerSettings: Json, litellmSettings: Json, warnings: string[]): Json {
  const out: Json = {};
  const coordination =
    typeof routerSettings["redis_url"] === "string"
      ? routerSettings["redis_url"]
      : redisUrl(routerSettings["redis_host"], routerSettings["redis_port"], routerSettings["redis_password"]);
  if (coordination !== undefined) out["redis"] = { url: coordination };
  if (litellmSettings["cache"] === true) {
    const params = asObject(litellmSettings["cache_params"]);
    const cache: Json = { enabled: true };
    if (typeof params["ttl"] === "number") cache["ttl_s"] = params["ttl"];
    const type = params["type"] ?? "local";
    if (type === "redis") {
      const url =
        typeof params["url"] === "string"
          ? params["url"]
          : redisUrl(params["host"], params["port"], params["password"]);
      if (url !== undefined) cache["redis"] = { url };
      else warnings.push("litellm_settings.cache_params: type redis without host; caching in memory");
    } else if (type !== "local") {
      warnings.push(`litellm_settings.cache_params.type: "${String(type)}" is not supported; caching in memory`);
    }
    for (const key of Object.keys(params)) {
      if (!["type", "host", "port", "password", "url", "ttl", "supported_call_types", "namespace"].includes(key))
        warnings.push(`litellm_settings.cache_params.${key}: not supported; ignored`);
    }
    out["cache"] = cache;
  }
  return out;
}
