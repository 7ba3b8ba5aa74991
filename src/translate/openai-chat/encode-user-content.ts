import type { FilePart, ImagePart, UserContentPart } from "../../ir/content-part.js";
import type { Warning } from "../../ir/warning.js";
import type { ChatImagePart, ChatUserContentPart } from "../../protocols/openai-chat/types.js";
import { formatDataUrl } from "../../lib/data-url.js";

/** A lone text part is written as a plain string, the form every Chat server accepts. */
export function encodeUserContent(
  parts: UserContentPart[],
  warnings: Warning[],
  where: string,
): string | ChatUserContentPart[] {
  const only = parts[0];
  if (parts.length === 1 && only?.type === "text") return only.text;
  const encoded: ChatUserContentPart[] = [];
  parts.forEach((part, index) => {
    if (part.type === "text") encoded.push({ type: "text", text: part.text });
    else if (part.type === "image") encoded.push(encodeImage(part));
    else {
      const file = encodeFile(part, warnings, `${where}.content.${index}`);
      if (file !== undefined) encoded.push(file);
    }
  });
  return encoded;
}

export function encodeImage(part: ImagePart): ChatImagePart {
  const url = part.source.kind === "base64" ? formatDataUrl(part.source.mediaType, part.source.data) : part.source.url;
  const image: ChatImagePart = { type: "image_url", image_url: { url } };
  if (part.detail === "auto" || part.detail === "low" || part.detail === "high") image.image_url.detail = part.detail;
  return image;
}

function encodeFile(part: FilePart, warnings: Warning[], where: string): ChatUserContentPart | undefined {
  const source = part.source;
  if (source.kind === "base64") {
    const file: ChatUserContentPart = {
      type: "file",
      file: { file_data: formatDataUrl(source.mediaType, source.data) },
    };
    if (part.filename !== undefined) file.file.filename = part.filename;
    return file;
  }
  if (source.kind === "text") {
    warnings.push({
      type: "compatibility",
      feature: `${where} text document`,
      detail: "Chat has no text documents; sent as a text part.",
    });
    return { type: "text", text: source.text };
  }
  warnings.push({
    type: "unsupported",
    feature: `${where} file url`,
    detail: "Chat takes files only inline; the part was dropped.",
  });
  return undefined;
}
