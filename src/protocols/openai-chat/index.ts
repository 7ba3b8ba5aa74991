import type { Protocol } from "../protocol.js";
// Placeholder until the openai-chat protocol lands: replaced whole by its implementation.
export const protocol: Protocol = undefined as unknown as Protocol;
