/** The three wire APIs Switchboard serves and speaks to upstreams. Folder names follow these. */
export type WireApi = "anthropic-messages" | "openai-chat" | "openai-responses";

export const wireApis: readonly WireApi[] = ["anthropic-messages", "openai-chat", "openai-responses"];
