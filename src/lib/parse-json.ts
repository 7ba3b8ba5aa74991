/** `JSON.parse` that answers `undefined` for text that is not JSON, for callers that fall back to something else. */
export function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}
