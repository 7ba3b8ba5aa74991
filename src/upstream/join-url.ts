/**
 * Joins a base URL (which may carry a path, as GitHub Enterprise's `/api/v3` does) and a path,
 * keeping a query string (`?beta=true`) when there is one.
 */
export function joinUrl(baseUrl: string, path: string, query?: string): string {
  const base = baseUrl.replace(/\/+$/, "");
  const suffix = query === undefined || query === "" ? "" : query.startsWith("?") ? query : `?${query}`;
  return `${base}${path}${suffix}`;
}
