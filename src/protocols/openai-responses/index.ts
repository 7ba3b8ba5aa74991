import type { Protocol } from "../protocol.js";
// Placeholder until the openai-responses protocol lands: replaced whole by its implementation.
export const protocol: Protocol = undefined as unknown as Protocol;
