/**
 * Opaque data that must survive a round trip through the IR but has no neutral meaning,
 * keyed by the protocol that produced it (for example `anthropic-messages` → `{ cache_control }`,
 * `openai-responses` → `{ encrypted_content }`). An encoder reads only its own key; anything
 * under another protocol's key is either dropped with a warning or ignored when harmless.
 */
export type Extensions = Partial<Record<ExtensionNamespace, Record<string, unknown>>>;

export type ExtensionNamespace = "anthropic-messages" | "openai-chat" | "openai-responses" | "gateway";
