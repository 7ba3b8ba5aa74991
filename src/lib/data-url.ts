/**
 * A `data:<media type>;base64,<data>` URL, as OpenAI's APIs carry inline images and files.
 * `mediaType` is undefined when the URL names none (`data:;base64,…`); callers pick their default.
 */
export function parseDataUrl(url: string): { mediaType: string | undefined; data: string } | undefined {
  const match = /^data:([^;,]*)(?:;[^,]*)?;base64,(.*)$/s.exec(url);
  if (match === null) return undefined;
  return { mediaType: match[1] === "" ? undefined : match[1], data: match[2] ?? "" };
}

export function formatDataUrl(mediaType: string, data: string): string {
  return `data:${mediaType};base64,${data}`;
}
