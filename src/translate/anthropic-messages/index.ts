import type { Translator } from "../translator.js";
// Placeholder until the anthropic-messages translator lands: replaced whole by its implementation.
export const translator: Translator = undefined as unknown as Translator;
