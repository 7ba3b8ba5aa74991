import type { FilePart, ImagePart, TextPart, ToolResultContent, UserContentPart } from "../../ir/content-part.js";
import type { InputContent, InputFile, InputImage, MessageContent } from "../../protocols/openai-responses/types.js";
import { formatDataUrl } from "../../lib/data-url.js";
import { readExtension } from "./extensions.js";

function fieldsOf(part: { extensions?: TextPart["extensions"] }): Record<string, unknown> {
  return (readExtension(part).fields as Record<string, unknown> | undefined) ?? {};
}

export function encodeImage(part: ImagePart): InputImage {
  const url = part.source.kind === "base64" ? formatDataUrl(part.source.mediaType, part.source.data) : part.source.url;
  return {
    type: "input_image",
    image_url: url,
    detail: (part.detail as InputImage["detail"]) ?? "auto",
    ...fieldsOf(part),
  };
}

export function encodeFile(part: FilePart): InputContent {
  if (part.source.kind === "text") return { type: "input_text", text: part.source.text };
  const file: InputFile =
    part.source.kind === "base64"
      ? { type: "input_file", file_data: formatDataUrl(part.source.mediaType, part.source.data) }
      : { type: "input_file", file_url: part.source.url };
  if (part.filename !== undefined) file.filename = part.filename;
  return { ...file, ...fieldsOf(part) };
}

/** Content of a user, system or developer message. */
export function encodeInputPart(part: UserContentPart): InputContent {
  if (part.type === "text") return { type: "input_text", text: part.text, ...fieldsOf(part) };
  if (part.type === "image") return encodeImage(part);
  return encodeFile(part);
}

/** Assistant text: `output_text` with its annotations, or a `refusal` when it was one. */
export function encodeOutputPart(part: TextPart): MessageContent {
  const data = readExtension(part);
  if (data.refusal === true) return { type: "refusal", refusal: part.text };
  const annotations = Array.isArray(data.annotations) ? data.annotations : [];
  return Array.isArray(data.logprobs)
    ? { type: "output_text", text: part.text, annotations, logprobs: data.logprobs }
    : { type: "output_text", text: part.text, annotations };
}

export function encodeToolOutput(content: ToolResultContent): string | Array<InputContent> {
  if (typeof content === "string") return content;
  return content.map((part) =>
    part.type === "text" ? { type: "input_text" as const, text: part.text, ...fieldsOf(part) } : encodeImage(part),
  );
}
