import { loadConfig, type ConfigFlags, type LoadedConfig } from "../../config/load-config.js";
import { buildProviders } from "./build-providers.js";
import type { OfferedModel } from "../../setup/pick-tier-models.js";

/** Where clients should reach this gateway, and with which key. */
export interface GatewayTarget {
  /** `http://host:port`, without `/v1`. */
  url: string;
  /** The configured client key, or a placeholder when the gateway accepts any key. */
  apiKey: string;
  /** True when `server.api_key` (or `PROXY_API_KEY`) is set and clients must present it. */
  keyRequired: boolean;
  loaded: LoadedConfig;
}

/** The key written to clients when the gateway has none: any key is accepted, but the clients want one. */
export const placeholderKey = "sk-switchboard-no-key-configured";

export interface TargetOptions {
  config?: string;
  url?: string;
  key?: string;
}

function clientHost(host: string): string {
  if (host === "0.0.0.0" || host === "::") return "127.0.0.1";
  return host.includes(":") ? `[${host}]` : host;
}

/** Loads the config the gateway would use and says where clients reach it; `--url` and `--key` override. */
export async function resolveGatewayTarget(options: TargetOptions, env: NodeJS.ProcessEnv): Promise<GatewayTarget> {
  const flags: ConfigFlags = options.config === undefined ? {} : { config: options.config };
  const loaded = await loadConfig({ flags, env });
  const { server } = loaded.config;
  const url = (options.url ?? `http://${clientHost(server.host)}:${server.port}`)
    .replace(/\/+$/, "")
    .replace(/\/v1$/, "");
  const apiKey = options.key ?? server.apiKey ?? placeholderKey;
  return { url, apiKey, keyRequired: server.apiKey !== undefined, loaded };
}

/**
 * Every model the configured providers offer, as `provider/model`, each marked when the account
 * must enable it first (a provider that fails is skipped).
 */
export async function listOfferedModels(loaded: LoadedConfig, timeoutMs = 10_000): Promise<OfferedModel[]> {
  const providers = buildProviders(loaded);
  try {
    const lists = await Promise.all(
      [...providers.values()].map(async (provider) => {
        const timeout = new Promise<[]>((resolve) => setTimeout(() => resolve([]), timeoutMs).unref());
        const models = await Promise.race([provider.listModels().catch(() => []), timeout]);
        return models.map((model) => ({ id: `${provider.id}/${model.id}`, notEnabled: model.notEnabled }));
      }),
    );
    return lists.flat();
  } finally {
    await Promise.all([...providers.values()].map((provider) => provider.close().catch(() => undefined)));
  }
}
