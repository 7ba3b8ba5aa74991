import { isRecord } from "../../lib/is-record.js";
import { parseJson } from "../../lib/parse-json.js";
import type {
  AssistantContentPart,
  FilePart,
  ImagePart,
  TextPart,
  ToolResultPart,
  UserContentPart,
} from "../../ir/content-part.js";
import type { Warning } from "../../ir/warning.js";
import type {
  ContentBlock,
  DocumentBlock,
  ImageBlock,
  TextBlock,
  ToolResultBlock,
} from "../../protocols/anthropic-messages/types.js";
import { ownFields } from "./extensions.js";

export function encodeText(part: TextPart): TextBlock {
  return { ...ownFields(part.extensions), type: "text", text: part.text };
}

/** `detail` is OpenAI's resolution hint; Anthropic sizes images itself, so dropping it changes nothing the user asked for. */
export function encodeImage(part: ImagePart): ImageBlock {
  const source: ImageBlock["source"] =
    part.source.kind === "base64"
      ? { type: "base64", media_type: part.source.mediaType, data: part.source.data }
      : { type: "url", url: part.source.url };
  return { ...ownFields(part.extensions), type: "image", source };
}

function encodeFile(part: FilePart): DocumentBlock {
  const { source } = part;
  const block: DocumentBlock = {
    ...ownFields(part.extensions),
    type: "document",
    source:
      source.kind === "base64"
        ? { type: "base64", media_type: source.mediaType, data: source.data }
        : source.kind === "url"
          ? { type: "url", url: source.url }
          : { type: "text", media_type: "text/plain", data: source.text },
  };
  if (part.filename !== undefined) block.title = part.filename;
  return block;
}

/** The API rejects empty text blocks, so they are left out (they carry nothing). */
export function encodeUserParts(parts: UserContentPart[]): ContentBlock[] {
  return parts.flatMap((part): ContentBlock[] => {
    if (part.type === "text") return part.text === "" ? [] : [encodeText(part)];
    return [part.type === "image" ? encodeImage(part) : encodeFile(part)];
  });
}

export function encodeToolResult(part: ToolResultPart): ToolResultBlock {
  const block: ToolResultBlock = { ...ownFields(part.extensions), type: "tool_result", tool_use_id: part.callId };
  block.content =
    typeof part.content === "string"
      ? part.content
      : part.content.map((item) => (item.type === "text" ? encodeText(item) : encodeImage(item)));
  if (part.isError === true) block.is_error = true;
  return block;
}

export function encodeAssistantParts(
  parts: AssistantContentPart[],
  warnings: Warning[],
  where: string,
): ContentBlock[] {
  return parts.flatMap((part, index): ContentBlock[] => {
    const at = `${where}.content[${index}]`;
    switch (part.type) {
      case "text":
        return part.text === "" ? [] : [encodeText(part)];
      case "reasoning":
        if (part.redactedData !== undefined) return [{ type: "redacted_thinking", data: part.redactedData }];
        if (part.signature !== undefined && part.signature !== "") {
          return [{ type: "thinking", thinking: part.text, signature: part.signature }];
        }
        // Anthropic verifies the signature of every thinking block sent back; without one it rejects the request.
        warnings.push({
          type: "unsupported",
          feature: `${at} reasoning`,
          detail:
            part.encryptedContent !== undefined
              ? "Encrypted reasoning of another vendor cannot be sent to Anthropic."
              : "Reasoning without an Anthropic signature was dropped.",
        });
        return [];
      case "tool-call": {
        if (part.kind !== "function" || part.namespace !== undefined) {
          warnings.push({
            type: "unsupported",
            feature: `${at} tool call ${part.name}`,
            detail: "Custom or namespaced tool calls must be lowered before reaching Anthropic; the call was dropped.",
          });
          return [];
        }
        return [
          {
            ...ownFields(part.extensions),
            type: "tool_use",
            id: part.id,
            name: part.name,
            input: parseInput(part.input, warnings, at),
          },
        ];
      }
    }
  });
}

function parseInput(input: string, warnings: Warning[], where: string): unknown {
  if (input.trim() === "") return {};
  const parsed = parseJson(input);
  if (isRecord(parsed)) return parsed;
  warnings.push({
    type: "compatibility",
    feature: `${where} tool input`,
    detail: "The arguments were not a JSON object; sent as {}.",
  });
  return {};
}
