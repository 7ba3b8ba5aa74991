export { errorCodes, statusForCode, type ErrorCode } from "./codes.js";
export {
  GatewayError,
  isGatewayError,
  toGatewayError,
  type GatewayErrorOptions,
  type UpstreamFailure,
} from "./gateway-error.js";
export { SetupError, fileFaultReason } from "./setup-error.js";
