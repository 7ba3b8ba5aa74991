import type { AssistantContentPart } from "../../ir/content-part.js";
import type { ReasoningItem } from "../../protocols/openai-responses/types.js";
import { readExtension } from "./extensions.js";
import { packForeignReasoning } from "./foreign-reasoning.js";

/** `packForeign`: towards a client, carry another vendor's signature in `encrypted_content` (see foreign-reasoning.ts). */
export function encodeReasoning(
  part: Extract<AssistantContentPart, { type: "reasoning" }>,
  options: { packForeign: boolean },
): ReasoningItem {
  const data = readExtension(part);
  const kept = Array.isArray(data.summary) ? (data.summary as ReasoningItem["summary"]) : undefined;
  const summary =
    data.textFromContent === true
      ? [] // the text came from `content`, which `fields` restores
      : kept !== undefined && kept.map((entry) => entry.text).join("\n\n") === part.text
        ? kept
        : part.text === ""
          ? []
          : [{ type: "summary_text" as const, text: part.text }];
  const item: ReasoningItem = {
    type: "reasoning",
    id: part.id ?? "",
    summary,
    ...((data.fields as object | undefined) ?? {}),
  };
  const encrypted = part.encryptedContent ?? (options.packForeign ? packForeignReasoning(part) : undefined);
  if (encrypted !== undefined) item.encrypted_content = encrypted;
  return item;
}
