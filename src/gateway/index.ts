export { createGateway, type Gateway } from "./gateway.js";
export { createProviders } from "./create-providers.js";
export { errorReply } from "./reply/error-reply.js";
export type { GatewayInput, GatewayReply, ReplyBody } from "./gateway-types.js";
export { warningsHeader } from "./handle-request.js";
export type { ListedModel } from "./list-models.js";
