/** The longest body kept, in characters; the rest is cut and marked. */
export const bodyCapChars = 64 * 1024;

// Credentials that tools and users paste into prompts: vendor key formats, bearer tokens, JWTs.
const secretPatterns = [
  /\b(sk-(?:ant-|proj-)?[A-Za-z0-9_-]{16,})/g,
  /\b(gh[opsu]_[A-Za-z0-9]{20,}|github_pat_[A-Za-z0-9_]{20,})/g,
  /\b(glpat-[A-Za-z0-9_-]{16,})/g,
  /\b(AKIA[0-9A-Z]{16})/g,
  /\b(eyJ[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]{10,})/g,
  /(bearer\s+)[A-Za-z0-9._~+/-]{16,}=*/gi,
];

const secretFields =
  /"(api[_-]?key|authorization|password|secret|access[_-]?token|refresh[_-]?token|x-api-key)"\s*:\s*"[^"]*"/gi;

/**
 * A body as stored: credentials replaced by `[redacted]`, cut at `bodyCapChars`. `wholeLength`:
 * the body's length when `text` is only its start (a stream copied up to the cap).
 */
export function redactBody(text: string, wholeLength = text.length): string {
  let redacted = text.length > bodyCapChars ? text.slice(0, bodyCapChars) : text;
  redacted = redacted.replace(secretFields, (_whole, name: string) => `"${name}":"[redacted]"`);
  for (const pattern of secretPatterns) {
    redacted = redacted.replace(pattern, (whole, prefix: string) =>
      /^bearer/i.test(prefix) ? `${prefix}[redacted]` : "[redacted]",
    );
  }
  return wholeLength > bodyCapChars ? `${redacted}…[cut at ${bodyCapChars} of ${wholeLength} characters]` : redacted;
}
