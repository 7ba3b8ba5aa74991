import type { z } from "zod";

/** A config that cannot be used. The message names the file, the key path and what was expected. */
export class ConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "ConfigError";
  }
}

function formatPath(path: readonly PropertyKey[]): string {
  let text = "";
  for (const segment of path) {
    if (typeof segment === "number") text += `[${segment}]`;
    else text += text === "" ? String(segment) : `.${String(segment)}`;
  }
  return text === "" ? "(top level)" : text;
}

export function configErrorFromZod(source: string, error: z.ZodError): ConfigError {
  const lines = error.issues.map((issue) => `  - ${formatPath(issue.path)}: ${issue.message}`);
  return new ConfigError(`Invalid configuration in ${source}:\n${lines.join("\n")}`);
}
