import { parseJson } from "../../lib/parse-json.js";

/**
 * OpenAI-API opaque reasoning (a Responses item's `encrypted_content` and its `id`, or Copilot's
 * Chat `reasoning_opaque`) has no Anthropic field. Claude Code sends every thinking block back as it received it, signature included, and an
 * OpenAI reasoning model needs its encrypted reasoning back to continue a tool-use turn. So towards
 * an Anthropic *client* it travels inside the thinking block's `signature`, marked with our prefix;
 * decoding the client's next request takes it out again. It is never sent to an Anthropic upstream,
 * which could not verify it (see encode-content.ts). The mirror of openai-responses/foreign-reasoning.ts.
 */
const prefix = "switchboard.openai-reasoning.v1:";

export interface OpenAiReasoning {
  encryptedContent?: string;
  /** The Responses reasoning item id (`rs_…`). */
  id?: string;
}

export function packOpenAiReasoning(opaque: {
  encryptedContent?: string | undefined;
  id?: string | undefined;
}): string | undefined {
  if (opaque.encryptedContent === undefined) return undefined;
  const data: OpenAiReasoning = { encryptedContent: opaque.encryptedContent };
  if (opaque.id !== undefined) data.id = opaque.id;
  return prefix + Buffer.from(JSON.stringify(data)).toString("base64url");
}

/** The OpenAI data when the signature is one of ours, undefined for Anthropic's own signatures. */
export function unpackOpenAiReasoning(signature: string): OpenAiReasoning | undefined {
  if (!signature.startsWith(prefix)) return undefined;
  const parsed = parseJson(Buffer.from(signature.slice(prefix.length), "base64url").toString("utf8"));
  if (typeof parsed !== "object" || parsed === null) return undefined;
  const record = parsed as Record<string, unknown>;
  if (typeof record["encryptedContent"] !== "string") return undefined;
  const result: OpenAiReasoning = { encryptedContent: record["encryptedContent"] };
  if (typeof record["id"] === "string") result.id = record["id"];
  return result;
}
