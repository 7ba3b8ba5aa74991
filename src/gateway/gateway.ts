import type { Config } from "../config/schema.js";
import type { GatewayError } from "../errors/gateway-error.js";
import type { WireApi } from "../protocols/wire-api.js";
import type { Logger } from "../lib/logger.js";
import type { Provider } from "../providers/provider.js";
import type { RoutingTable } from "../router/resolve-model.js";
import type { UsageSink } from "../store/usage-record.js";
import { countTokens } from "./count-tokens.js";
import type { GatewayInput, GatewayReply } from "./gateway-types.js";
import { handleRequest } from "./handle-request.js";
import { listModels, type ListedModel } from "./list-models.js";

/** What the HTTP layer calls: one object holding the routing table, the sink and the logger. */
export interface Gateway {
  handle(input: GatewayInput): Promise<GatewayReply>;
  countTokens(input: GatewayInput): Promise<GatewayReply>;
  listModels(): Promise<ListedModel[]>;
  /** Records a request the HTTP layer refused before the gateway saw it (401, 413, malformed JSON). */
  recordRefusal(refusal: { requestId: string; clientApi: WireApi; startedAt: number; error: GatewayError }): void;
  readonly table: RoutingTable;
  close(): Promise<void>;
}

export function createGateway(options: {
  config: Config;
  providers: Map<string, Provider>;
  usageSink: UsageSink;
  logger: Logger;
}): Gateway {
  const table: RoutingTable = { aliases: options.config.models, providers: options.providers };
  const dependencies = { table, usageSink: options.usageSink, logger: options.logger };
  return {
    table,
    handle: (input) => handleRequest(input, dependencies),
    countTokens: (input) => countTokens(input, dependencies),
    listModels: () => listModels(table, options.logger),
    recordRefusal: ({ requestId, clientApi, startedAt, error }) =>
      options.usageSink.record({
        requestId,
        startedAt: new Date(startedAt).toISOString(),
        clientApi,
        requestedModel: "",
        stream: false,
        status: error.status,
        errorCode: error.code,
        durationMs: Date.now() - startedAt,
        attempts: [],
        warnings: [],
      }),
    async close() {
      await Promise.allSettled([...options.providers.values()].map((provider) => provider.close()));
    },
  };
}
