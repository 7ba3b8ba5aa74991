import type { z } from "zod";

type Issue = z.core.$ZodIssue;

/**
 * For a union (`models:` entries are a string or an object), the branch that got furthest
 * explains the mistake best: `models.0.apis.0: Invalid option` beats `models.0: Invalid input`.
 */
function describeIssues(issues: readonly Issue[], prefix: PropertyKey[] = []): string[] {
  return issues.flatMap((issue) => {
    const path = [...prefix, ...issue.path];
    if (issue.code === "invalid_union" && issue.errors.length > 0) {
      const depth = (branch: readonly Issue[]) => Math.max(...branch.map((inner) => inner.path.length));
      const deepest = [...issue.errors].sort((left, right) => depth(right) - depth(left))[0];
      if (deepest !== undefined && depth(deepest) > 0) return describeIssues(deepest, path);
    }
    const key = path.map(String).join(".");
    return [key === "" ? issue.message : `${key}: ${issue.message}`];
  });
}

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
  throw new Error(`provider "${id}": ${describeIssues(result.error.issues).join("; ")}`);
}
