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
  OtherBlock,
  TextBlock,
  ToolResultBlock,
} from "../../protocols/anthropic-messages/types.js";
import { extraFields, withExtensions } from "./extensions.js";
import { unpackOpenAiReasoning } from "./foreign-reasoning.js";

export interface DecodeContext {
  warnings: Warning[];
  /** `tool_use.id` → tool name, so that tool results carry the name other protocols want. */
  toolNames: Map<string, string>;
}

type AnyBlock = ContentBlock | OtherBlock;

export function decodeText(block: TextBlock): TextPart {
  return withExtensions<TextPart>({ type: "text", text: block.text }, extraFields(block, ["type", "text"]));
}

export function decodeImage(block: ImageBlock, context: DecodeContext, where: string): ImagePart | undefined {
  const { source } = block;
  const extensions = extraFields(block, ["type", "source"]);
  if (source.type === "base64") {
    return withExtensions<ImagePart>(
      { type: "image", source: { kind: "base64", mediaType: source.media_type, data: source.data } },
      extensions,
    );
  }
  if (source.type === "url")
    return withExtensions<ImagePart>({ type: "image", source: { kind: "url", url: source.url } }, extensions);
  context.warnings.push({
    type: "unsupported",
    feature: `${where} image source ${source.type}`,
    detail: "Files API references cannot be translated; the image was dropped.",
  });
  return undefined;
}

function decodeDocument(block: DocumentBlock, context: DecodeContext, where: string): FilePart | undefined {
  const { source } = block;
  let file: FilePart;
  if (source.type === "base64")
    file = { type: "file", source: { kind: "base64", mediaType: source.media_type, data: source.data } };
  else if (source.type === "url") file = { type: "file", source: { kind: "url", url: source.url } };
  else if (source.type === "text") file = { type: "file", source: { kind: "text", text: source.data } };
  else {
    context.warnings.push({
      type: "unsupported",
      feature: `${where} document source ${source.type}`,
      detail: "The document was dropped.",
    });
    return undefined;
  }
  if (typeof block.title === "string") file.filename = block.title;
  return withExtensions(file, extraFields(block, ["type", "source", "title"]));
}

function decodeToolResult(block: ToolResultBlock, context: DecodeContext, where: string): ToolResultPart {
  const content = block.content;
  let decoded: ToolResultPart["content"];
  if (content === undefined || typeof content === "string") decoded = content ?? "";
  else {
    const parts: Array<TextPart | ImagePart> = [];
    content.forEach((item, index) => {
      const at = `${where}.content.${index}`;
      // Tool results hold text and images in every protocol; documents and search results have no place there.
      if (item.type === "text" || item.type === "image") {
        pushDefined(parts, decodeUserBlock(item, context, at) as TextPart | ImagePart | undefined);
      } else dropBlock(item, context, at);
    });
    decoded = parts;
  }
  const part: ToolResultPart = { type: "tool-result", callId: block.tool_use_id, content: decoded, kind: "function" };
  const name = context.toolNames.get(block.tool_use_id);
  if (name !== undefined) part.name = name;
  if (block.is_error === true) part.isError = true;
  return withExtensions(part, extraFields(block, ["type", "tool_use_id", "content", "is_error"]));
}

function dropBlock(block: { type: string }, context: DecodeContext, where: string): void {
  context.warnings.push({
    type: "unsupported",
    feature: `${where} ${block.type}`,
    detail: "This block type has no neutral form and was dropped.",
  });
}

/** A user turn's blocks, split: tool results (they answer the previous turn) and everything else. */
export function decodeUserBlocks(
  blocks: AnyBlock[],
  context: DecodeContext,
  where: string,
): { results: ToolResultPart[]; content: UserContentPart[] } {
  const results: ToolResultPart[] = [];
  const content: UserContentPart[] = [];
  blocks.forEach((block, index) => {
    if (block.type === "tool_result")
      results.push(decodeToolResult(block as ToolResultBlock, context, `${where}.${index}`));
    else pushDefined(content, decodeUserBlock(block, context, `${where}.${index}`));
  });
  return { results, content };
}

/** A user block as an IR part; blocks the IR cannot hold are dropped with a warning. */
function decodeUserBlock(block: AnyBlock, context: DecodeContext, where: string): UserContentPart | undefined {
  switch (block.type) {
    case "text":
      return decodeText(block as TextBlock);
    case "image":
      return decodeImage(block as ImageBlock, context, where);
    case "document":
      return decodeDocument(block as DocumentBlock, context, where);
    default:
      dropBlock(block, context, where);
      return undefined;
  }
}

function pushDefined<T>(list: T[], item: T | undefined): void {
  if (item !== undefined) list.push(item);
}

export function decodeAssistantBlocks(
  blocks: AnyBlock[],
  context: DecodeContext,
  where: string,
): AssistantContentPart[] {
  const content: AssistantContentPart[] = [];
  blocks.forEach((block, index) => {
    const part = decodeAssistantBlock(block);
    if (part === undefined) dropBlock(block, context, `${where}.${index}`);
    else {
      if (part.type === "tool-call") context.toolNames.set(part.id, part.name);
      content.push(part);
    }
  });
  return content;
}

/** One block of an assistant turn or of a response; undefined for blocks the IR cannot hold (server tool use and results). */
export function decodeAssistantBlock(block: AnyBlock): AssistantContentPart | undefined {
  switch (block.type) {
    case "text":
      return decodeText(block as TextBlock);
    case "thinking": {
      const { thinking, signature } = block as { thinking: string; signature: string };
      // OpenAI reasoning the gateway handed this client earlier, now on its way back (foreign-reasoning.ts).
      const openAi = unpackOpenAiReasoning(signature);
      if (openAi !== undefined) return { type: "reasoning", text: thinking, ...openAi };
      return { type: "reasoning", text: thinking, signature };
    }
    case "redacted_thinking":
      return { type: "reasoning", text: "", redactedData: (block as { data: string }).data };
    case "tool_use": {
      const { id, name, input } = block as { id: string; name: string; input: unknown };
      const part = {
        type: "tool-call" as const,
        id,
        name,
        input: JSON.stringify(input ?? {}),
        kind: "function" as const,
      };
      return withExtensions(part, extraFields(block, ["type", "id", "name", "input"]));
    }
    default:
      return undefined;
  }
}
