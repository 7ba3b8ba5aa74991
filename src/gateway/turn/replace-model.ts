/**
 * Passthrough forwards the client's bytes untouched except for the top-level `"model"` value
 * when routing changed it. Re-serialising a 80 KB body would cost time and could alter number
 * spellings or key order, so this scans the raw JSON instead: it tracks string and nesting state,
 * stops at the first top-level `"model"` key, and splices in the new value.
 */
const quote = 0x22;
const backslash = 0x5c;
const comma = 0x2c;
const colon = 0x3a;
const openBrace = 0x7b;
const closeBrace = 0x7d;
const openBracket = 0x5b;
const closeBracket = 0x5d;
const modelKey = Buffer.from('"model"');

function isWhitespace(byte: number | undefined): boolean {
  return byte === 0x20 || byte === 0x09 || byte === 0x0a || byte === 0x0d;
}

function skipWhitespace(raw: Buffer, index: number): number {
  while (index < raw.length && isWhitespace(raw[index])) index++;
  return index;
}

/** Index just past the closing quote of the string that opens at `start`. */
function stringEnd(raw: Buffer, start: number): number {
  let index = start + 1;
  for (;;) {
    const found = raw.indexOf(quote, index);
    if (found === -1) return raw.length;
    let backslashes = 0;
    while (raw[found - 1 - backslashes] === backslash) backslashes++;
    if (backslashes % 2 === 0) return found + 1;
    index = found + 1;
  }
}

function isModelKey(raw: Buffer, start: number, end: number): boolean {
  if (end - start === modelKey.length) return raw.compare(modelKey, 0, modelKey.length, start, end) === 0;
  // A key spelled with escapes (`"mod\u0065l"`) still means `model`.
  if (raw.indexOf(backslash, start) >= end || raw.indexOf(backslash, start) === -1) return false;
  return JSON.parse(raw.toString("utf8", start, end)) === "model";
}

/** Byte range of the top-level `"model"` string value (quotes included), or undefined. */
export function findTopLevelModel(raw: Buffer): { start: number; end: number } | undefined {
  let index = skipWhitespace(raw, 0);
  if (raw[index] !== openBrace) return undefined;
  index++;
  let depth = 1;
  let expectKey = true;
  while (index < raw.length) {
    const byte = raw[index];
    if (byte === quote) {
      const end = stringEnd(raw, index);
      if (depth === 1 && expectKey) {
        let valueStart = skipWhitespace(raw, end);
        if (raw[valueStart] !== colon) return undefined;
        valueStart = skipWhitespace(raw, valueStart + 1);
        if (isModelKey(raw, index, end)) {
          return raw[valueStart] === quote ? { start: valueStart, end: stringEnd(raw, valueStart) } : undefined;
        }
        expectKey = false;
        index = valueStart;
        continue;
      }
      index = end;
      continue;
    }
    if (byte === openBrace || byte === openBracket) depth++;
    else if (byte === closeBrace || byte === closeBracket) {
      depth--;
      if (depth === 0) return undefined;
    } else if (byte === comma && depth === 1) expectKey = true;
    index++;
  }
  return undefined;
}

/** The body with its top-level `model` set to `model`; the same Buffer when nothing changes. */
export function replaceModel(raw: Buffer, model: string): Buffer {
  const location = findTopLevelModel(raw);
  if (location === undefined) return raw;
  const current: unknown = JSON.parse(raw.toString("utf8", location.start, location.end));
  if (current === model) return raw;
  // One buffer, written in place: views and a concatenation would make four (every passthrough
  // request whose route renames the model comes here).
  const value = JSON.stringify(model);
  const valueLength = Buffer.byteLength(value);
  const result = Buffer.allocUnsafe(raw.length - (location.end - location.start) + valueLength);
  raw.copy(result, 0, 0, location.start);
  result.write(value, location.start);
  raw.copy(result, location.start + valueLength, location.end);
  return result;
}
