import type { ConfigFile } from "../../../src/config/index.js";
import type { WireApi } from "../../../src/protocols/wire-api.js";

export const gatewayKey = "sk-gateway-test";
export const upstreamKey = "sk-upstream-test";
/** The only model the fake upstream offers; every client model name is routed to it. */
export const upstreamModel = "fake-model";

export interface GatewayConfigOptions {
  upstreamApi: WireApi;
  fakeUrl: string;
  idleMs?: number;
  bodyLimitMb?: number;
  /** Route every unknown model name to the fake (default true); off to see `model_not_found`. */
  catchAll?: boolean;
  /** Tool servers behind `/mcp` (the MCP end-to-end tests). */
  mcpServers?: ConfigFile["mcp_servers"];
  mcp?: ConfigFile["mcp"];
  /** The usage store's settings (`bodies: true` for the stored-bodies end-to-end test). */
  store?: ConfigFile["store"];
}

/**
 * A gateway config with one provider, `up`, of the type that speaks `upstreamApi`, pointed at
 * the fake upstream. Every model name a client uses lands on it through the catch-all alias.
 */
export function gatewayConfigFile(options: GatewayConfigOptions): ConfigFile {
  return {
    server: {
      api_key: gatewayKey,
      log_level: "silent",
      ...(options.idleMs !== undefined && { timeouts: { idle_ms: options.idleMs } }),
      ...(options.bodyLimitMb !== undefined && { body_limit_mb: options.bodyLimitMb }),
    },
    providers: { up: providerEntry(options.upstreamApi, options.fakeUrl) },
    models: options.catchAll === false ? {} : { "*": [`up/${upstreamModel}`] },
    routing: { max_retries: 0 },
    ...(options.mcpServers !== undefined && { mcp_servers: options.mcpServers }),
    ...(options.mcp !== undefined && { mcp: options.mcp }),
    ...(options.store !== undefined && { store: options.store }),
  };
}

function providerEntry(api: WireApi, fakeUrl: string): NonNullable<ConfigFile["providers"]>[string] {
  if (api === "anthropic-messages") {
    return { type: "anthropic", base_url: fakeUrl, api_key: upstreamKey, models: [upstreamModel] };
  }
  // An OpenAI provider whose one model is reachable only through the API under test.
  return {
    type: "openai",
    base_url: `${fakeUrl}/v1`,
    api_key: upstreamKey,
    models: [{ id: upstreamModel, apis: [api] }],
  };
}
