/** What we can read out of an upstream's error body, whatever the vendor's shape. */
export interface ParsedErrorBody {
  message?: string;
  /** `error.type` (OpenAI, Anthropic, vLLM). */
  type?: string;
  /** `error.code` (OpenAI: `insufficient_quota`, `context_length_exceeded`, …). */
  code?: string;
}

function asRecord(value: unknown): Record<string, unknown> | undefined {
  return typeof value === "object" && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : undefined;
}

function asText(value: unknown): string | undefined {
  if (typeof value === "string" && value !== "") return value;
  if (typeof value === "number") return String(value);
  return undefined;
}

/**
 * Reads the shapes seen in the wild: OpenAI `{error:{message,type,code}}`, Anthropic
 * `{type:"error",error:{type,message}}`, vLLM `{object:"error",message,type,code}`, Ollama
 * `{error:"text"}`, FastAPI `{detail:…}`, and plain text.
 */
export function parseUpstreamErrorBody(text: string): ParsedErrorBody {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    const trimmed = text.trim();
    return trimmed === "" ? {} : { message: trimmed };
  }
  const root = asRecord(json);
  if (root === undefined) return {};
  const nested = asRecord(root["error"]);
  const source = nested ?? root;
  const result: ParsedErrorBody = {};
  const message =
    asText(source["message"]) ??
    asText(root["error"]) ??
    asText(root["detail"]) ??
    asText(asRecord(root["detail"])?.["message"]);
  if (message !== undefined) result.message = message;
  const type = asText(source["type"]);
  if (type !== undefined && type !== "error") result.type = type;
  const code = asText(source["code"]);
  if (code !== undefined) result.code = code;
  return result;
}
