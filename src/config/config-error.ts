import type { z } from "zod";
import { describeIssues } from "../lib/zod-issues.js";

/** A config that cannot be used. The message names the file, the key path and what was expected. */
export class ConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "ConfigError";
  }
}

/** The problems found in `source` (a file name, or "the given config"), one per line. */
export function configErrorFromLines(source: string | undefined, lines: readonly string[]): ConfigError {
  const where = source === undefined ? "" : ` in ${source}`;
  return new ConfigError(`Invalid configuration${where}:\n${lines.map((line) => `  - ${line}`).join("\n")}`);
}

export function configErrorFromZod(source: string, error: z.ZodError): ConfigError {
  return configErrorFromLines(source, describeIssues(error.issues));
}
