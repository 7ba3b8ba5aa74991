import { parseJson } from "../../lib/parse-json.js";

/**
 * Another vendor's opaque reasoning (Anthropic's thinking `signature`, `redacted_thinking` data)
 * has no Responses field. Codex keeps a reasoning item's `encrypted_content` and sends it back on
 * the next turn, and Anthropic refuses a tool-use turn whose thinking block lost its signature.
 * So towards a Responses *client* we carry them inside `encrypted_content`, marked with our
 * prefix; decoding the client's next request takes them out again. They are never sent to an
 * OpenAI upstream, which could not read them.
 */
const prefix = "switchboard.reasoning.v1:";

export interface ForeignReasoning {
  signature?: string;
  redactedData?: string;
}

export function packForeignReasoning(opaque: ForeignReasoning): string | undefined {
  if (opaque.signature === undefined && opaque.redactedData === undefined) return undefined;
  const data: ForeignReasoning = {};
  if (opaque.signature !== undefined) data.signature = opaque.signature;
  if (opaque.redactedData !== undefined) data.redactedData = opaque.redactedData;
  return prefix + Buffer.from(JSON.stringify(data)).toString("base64url");
}

/** Returns the foreign data when `encrypted_content` is one of ours, undefined for OpenAI's own. */
export function unpackForeignReasoning(encryptedContent: string): ForeignReasoning | undefined {
  if (!encryptedContent.startsWith(prefix)) return undefined;
  const parsed = parseJson(Buffer.from(encryptedContent.slice(prefix.length), "base64url").toString("utf8"));
  if (typeof parsed !== "object" || parsed === null) return undefined;
  const record = parsed as Record<string, unknown>;
  const result: ForeignReasoning = {};
  if (typeof record.signature === "string") result.signature = record.signature;
  if (typeof record.redactedData === "string") result.redactedData = record.redactedData;
  return result;
}
