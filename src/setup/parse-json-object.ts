import { SetupError } from "./setup-error.js";

/** Line and column (1-based) of a character offset, for naming where a file stops parsing. */
export function lineAndColumnAt(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset).split("\n");
  return { line: before.length, column: (before.at(-1)?.length ?? 0) + 1 };
}

/**
 * Parses a JSON file that must hold an object. An empty or absent file is an empty object; one
 * that does not parse stops setup with the file and line, so that it is never overwritten.
 */
export function parseJsonObject(text: string | undefined, path: string): Record<string, unknown> {
  if (text === undefined || text.trim() === "") return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const position = /position (\d+)/.exec(message)?.[1];
    const where = position === undefined ? "" : `:${lineAndColumnAt(text, Number(position)).line}`;
    throw new SetupError(`${path}${where}: not valid JSON (${message}). Fix or move the file; nothing was changed.`);
  }
  if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed))
    throw new SetupError(`${path}:1: expected a JSON object. Fix or move the file; nothing was changed.`);
  return parsed as Record<string, unknown>;
}

/** The text Claude Code itself writes: two-space indentation and a final newline. */
export function formatJson(value: unknown): string {
  return `${JSON.stringify(value, null, 2)}\n`;
}
