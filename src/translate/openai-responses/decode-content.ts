import type { FilePart, ImagePart, TextPart, UserContentPart } from "../../ir/content-part.js";
import type { Warning } from "../../ir/warning.js";
import type { InputFile, InputImage, MessageContent } from "../../protocols/openai-responses/types.js";
import { parseDataUrl } from "../../lib/data-url.js";
import { extraFields, makeExtensions, withExtensions } from "./extensions.js";

/** A data URL that names its media type; one that does not is passed on as given. */
function namedDataUrl(url: string): { mediaType: string; data: string } | undefined {
  const inline = parseDataUrl(url);
  return inline?.mediaType === undefined ? undefined : { mediaType: inline.mediaType, data: inline.data };
}

export function decodeImage(part: InputImage, warnings: Warning[], where: string): ImagePart | undefined {
  const url = part.image_url ?? undefined;
  if (url === undefined) {
    warnings.push({
      type: "unsupported",
      feature: `${where} input_image.file_id`,
      detail: "images by file id cannot be carried; dropped",
    });
    return undefined;
  }
  const inline = namedDataUrl(url);
  const image: ImagePart = {
    type: "image",
    source: inline ? { kind: "base64", ...inline } : { kind: "url", url },
  };
  if (part.detail !== undefined && part.detail !== null) image.detail = part.detail;
  return withExtensions(
    image,
    makeExtensions({
      fields: extraFields(part as unknown as Record<string, unknown>, ["type", "image_url", "detail"]),
    }),
  );
}

export function decodeFile(part: InputFile, warnings: Warning[], where: string): FilePart | undefined {
  let source: FilePart["source"];
  if (part.file_data !== undefined) {
    // Without a data-URL prefix the SDK documents raw base64, which in practice is a PDF.
    source = {
      kind: "base64",
      ...(namedDataUrl(part.file_data) ?? { mediaType: "application/pdf", data: part.file_data }),
    };
  } else if (part.file_url !== undefined) {
    source = { kind: "url", url: part.file_url };
  } else {
    warnings.push({
      type: "unsupported",
      feature: `${where} input_file.file_id`,
      detail: "files by file id cannot be carried; dropped",
    });
    return undefined;
  }
  const file: FilePart = { type: "file", source };
  if (part.filename !== undefined) file.filename = part.filename;
  return withExtensions(
    file,
    makeExtensions({
      fields: extraFields(part as unknown as Record<string, unknown>, ["type", "file_data", "file_url", "filename"]),
    }),
  );
}

/** A content part of a message item; `where` names it for warnings (`input.2.content.1`). */
export function decodeContentPart(
  part: MessageContent,
  warnings: Warning[],
  where: string,
): UserContentPart | undefined {
  switch (part.type) {
    case "input_text":
      return withExtensions<TextPart>(
        { type: "text", text: part.text },
        makeExtensions({ fields: extraFields(part as unknown as Record<string, unknown>, ["type", "text"]) }),
      );
    case "output_text": {
      const text: TextPart = { type: "text", text: part.text };
      const annotations = part.annotations !== undefined && part.annotations.length > 0 ? part.annotations : undefined;
      const logprobs = part.logprobs !== undefined && part.logprobs.length > 0 ? part.logprobs : undefined;
      return withExtensions(text, makeExtensions({ annotations, logprobs }));
    }
    case "refusal":
      return withExtensions<TextPart>({ type: "text", text: part.refusal }, makeExtensions({ refusal: true }));
    case "input_image":
      return decodeImage(part, warnings, where);
    case "input_file":
      return decodeFile(part, warnings, where);
  }
}

/** A tool result's `output`: a string, or a list of `input_text` / `input_image` parts. */
export function decodeToolOutput(
  output: string | MessageContent[],
  warnings: Warning[],
  where: string,
): string | Array<TextPart | ImagePart> {
  if (typeof output === "string") return output;
  const parts: Array<TextPart | ImagePart> = [];
  output.forEach((part, index) => {
    const decoded = decodeContentPart(part, warnings, `${where}.${index}`);
    if (decoded === undefined) return;
    if (decoded.type === "file") {
      warnings.push({
        type: "unsupported",
        feature: `${where}.${index} input_file`,
        detail: "files in tool output cannot be carried; dropped",
      });
      return;
    }
    parts.push(decoded);
  });
  return parts;
}
