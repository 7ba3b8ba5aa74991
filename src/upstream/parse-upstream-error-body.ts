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
    if (trimmed === "") return {};
    return { message: /^<(!doctype|html|head|body)\b/i.test(trimmed) ? describeHtmlPage(trimmed) : trimmed };
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

/**
 * An HTML page instead of the vendor's error: a proxy, load balancer or captive portal in front of
 * the upstream answered. Its title says what it was; the markup would only bury that.
 */
function describeHtmlPage(html: string): string {
  const title = /<title[^>]*>([^<]*)<\/title>/i.exec(html)?.[1]?.replace(/\s+/g, " ").trim();
  const named = title === undefined || title === "" ? "" : ` ("${title}")`;
  return `an HTML page${named} instead of an API answer: a proxy or gateway in front of the upstream answered`;
}
