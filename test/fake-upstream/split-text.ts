/** Cuts text into a few pieces so streams carry several deltas, as the real services do. */
export function splitText(text: string, pieces = 3): string[] {
  if (text.length <= 1) return text === "" ? [] : [text];
  const size = Math.ceil(text.length / Math.min(pieces, text.length));
  const parts: string[] = [];
  for (let index = 0; index < text.length; index += size) parts.push(text.slice(index, index + size));
  return parts;
}

/** The JSON-encoded arguments of a tool call, or the raw input of a custom (freeform) tool. */
export function encodeArguments(value: unknown, kind: "function" | "custom" | undefined): string {
  if (kind === "custom") return typeof value === "string" ? value : JSON.stringify(value);
  return JSON.stringify(value ?? {});
}
