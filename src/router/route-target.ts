import type { ModelInfo, Provider } from "../providers/provider.js";

/** One place a request can be served: a provider and the model it offers. */
export interface RouteTarget {
  provider: Provider;
  model: ModelInfo;
}
