import type { z } from "zod";
import { configParseOptions, describeIssues } from "../lib/zod-issues.js";

/**
 * A provider entry its type refuses. `problems` are `key.path: what was wrong` relative to the
 * entry, so the loader can name them as `providers.<id>.key.path` beside the file's other errors.
 */
export class ProviderConfigError extends Error {
  constructor(
    readonly id: string,
    readonly problems: string[],
  ) {
    super(`provider "${id}": ${problems.join("; ")}`);
    this.name = "ProviderConfigError";
  }
}

/**
 * Validates a provider's config entry with its type's schema. The schemas are strict: a key the
 * type does not read is refused with a near-miss hint (`baseurl: unknown key; did you mean
 * base_url?`), because a dropped `base_url` would send the key to the type's default host.
 */
export function parseProviderConfig<Schema extends z.ZodType>(
  schema: Schema,
  id: string,
  config: Record<string, unknown>,
): z.infer<Schema> {
  const result = schema.safeParse(config, configParseOptions);
  if (result.success) return result.data;
  throw new ProviderConfigError(id, describeIssues(result.error.issues));
}
