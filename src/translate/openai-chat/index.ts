import type { Translator } from "../translator.js";
// Placeholder until the openai-chat translator lands: replaced whole by its implementation.
export const translator: Translator = undefined as unknown as Translator;
