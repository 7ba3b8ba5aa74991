import type { WireApi } from "../protocols/wire-api.js";
import type { ModelInfo } from "../providers/provider.js";

/** The API to reach a model through: the client's own when the model offers it (passthrough), else the model's first. */
export function selectApi(clientApi: WireApi, model: ModelInfo): WireApi {
  if (model.apis.includes(clientApi)) return clientApi;
  const first = model.apis[0];
  // A model with no API listed is a provider bug; the client's API is the least surprising guess.
  return first ?? clientApi;
}
