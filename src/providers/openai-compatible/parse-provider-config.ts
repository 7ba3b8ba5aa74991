import type { z } from "zod";

/**
 * Validates a provider's config entry and, on failure, names the provider and each key at
 * fault: `provider "work": base_url: must be an http:// or https:// URL`.
 */
export function parseProviderConfig<Schema extends z.ZodType>(
  schema: Schema,
  id: string,
  config: Record<string, unknown>,
): z.infer<Schema> {
  const result = schema.safeParse(config);
  if (result.success) return result.data;
  const problems = result.error.issues.map((issue) => {
    const key = issue.path.map(String).join(".");
    return key === "" ? issue.message : `${key}: ${issue.message}`;
  });
  throw new Error(`provider "${id}": ${problems.join("; ")}`);
}
