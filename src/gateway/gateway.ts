import type { Config } from "../config/schema.js";
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
    async close() {
      await Promise.allSettled([...options.providers.values()].map((provider) => provider.close()));
    },
  };
}
