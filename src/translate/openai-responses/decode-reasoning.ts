import type { ReasoningPart } from "../../ir/content-part.js";
import type { ReasoningItem } from "../../protocols/openai-responses/types.js";
import { extraFields, makeExtensions, withExtensions } from "./extensions.js";
import { unpackForeignReasoning } from "./foreign-reasoning.js";

/**
 * A reasoning item → one ReasoningPart. Its text is the summary; a model that sends only raw
 * `content` (reasoning_text, as open models served over Responses do) gives that instead.
 */
export function decodeReasoning(item: ReasoningItem): ReasoningPart {
  const summary = item.summary ?? [];
  const content = Array.isArray(item.content) ? item.content : [];
  const textFromContent = summary.length === 0 && content.length > 0;
  const texts = textFromContent ? content : summary;
  const part: ReasoningPart = { type: "reasoning", text: texts.map((entry) => entry.text).join("\n\n") };
  if (item.id !== undefined) part.id = item.id;
  if (typeof item.encrypted_content === "string") {
    const foreign = unpackForeignReasoning(item.encrypted_content);
    if (foreign === undefined) part.encryptedContent = item.encrypted_content;
    else Object.assign(part, foreign);
  }
  const fields = extraFields(item as unknown as Record<string, unknown>, [
    "type",
    "id",
    "summary",
    "encrypted_content",
  ]);
  // Several summary parts cannot be told apart once joined; keep them as they were.
  const keptSummary = summary.length > 1 ? summary : undefined;
  return withExtensions(
    part,
    makeExtensions({ fields, summary: keptSummary, textFromContent: textFromContent || undefined }),
  );
}
