import type { UserContentPart } from "../../ir/content-part.js";
import type { Warning } from "../../ir/warning.js";
import type { ChatFilePart, ChatImagePart, ChatUserContentPart } from "../../protocols/openai-chat/types.js";
import { parseDataUrl } from "../../lib/data-url.js";

export function decodeUserContent(
  content: string | ChatUserContentPart[],
  warnings: Warning[],
  where: string,
): UserContentPart[] {
  if (typeof content === "string") return [{ type: "text", text: content }];
  const parts: UserContentPart[] = [];
  content.forEach((part, index) => {
    const decoded = decodePart(part, warnings, `${where}.content.${index}`);
    if (decoded !== undefined) parts.push(decoded);
  });
  return parts;
}

function decodePart(part: ChatUserContentPart, warnings: Warning[], where: string): UserContentPart | undefined {
  switch (part.type) {
    case "text":
      return { type: "text", text: part.text };
    case "image_url":
      return decodeImage(part);
    case "file":
      return decodeFile(part, warnings, where);
    case "input_audio":
      warnings.push({
        type: "unsupported",
        feature: `${where} input_audio`,
        detail: "Audio input is not carried; the part was dropped.",
      });
      return undefined;
  }
}

/** For a data URL that names no media type (`data:;base64,…`). */
const unnamedMediaType = "application/octet-stream";

function decodeImage(part: ChatImagePart): UserContentPart {
  const inline = parseDataUrl(part.image_url.url);
  const image: UserContentPart = {
    type: "image",
    source: inline
      ? { kind: "base64", mediaType: inline.mediaType ?? unnamedMediaType, data: inline.data }
      : { kind: "url", url: part.image_url.url },
  };
  if (part.image_url.detail !== undefined) image.detail = part.image_url.detail;
  return image;
}

function decodeFile(part: ChatFilePart, warnings: Warning[], where: string): UserContentPart | undefined {
  const { file_data: fileData, filename } = part.file;
  if (fileData === undefined) {
    warnings.push({
      type: "unsupported",
      feature: `${where} file_id`,
      detail: "Uploaded-file references cannot be passed on; the part was dropped.",
    });
    return undefined;
  }
  // OpenAI documents a data URL; some clients send the bare base64 text.
  const inline = parseDataUrl(fileData) ?? { mediaType: mediaTypeOf(filename), data: fileData };
  const file: UserContentPart = {
    type: "file",
    source: { kind: "base64", mediaType: inline.mediaType ?? unnamedMediaType, data: inline.data },
  };
  if (filename !== undefined) file.filename = filename;
  return file;
}

function mediaTypeOf(filename: string | undefined): string {
  if (filename === undefined || filename.toLowerCase().endsWith(".pdf")) return "application/pdf";
  return "application/octet-stream";
}
