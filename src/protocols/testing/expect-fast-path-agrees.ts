import { expect } from "vitest";

/** Every path in a JSON value, as a list of keys. */
function paths(value: unknown, prefix: Array<string | number> = []): Array<Array<string | number>> {
  if (typeof value !== "object" || value === null) return [prefix];
  const entries = Array.isArray(value) ? value.map((item, index) => [index, item] as const) : Object.entries(value);
  return [prefix, ...entries.flatMap(([key, item]) => paths(item, [...prefix, key]))];
}

function withValue(body: unknown, path: Array<string | number>, value: unknown): unknown {
  const copy = structuredClone(body) as Record<string | number, unknown>;
  if (path.length === 0) return value;
  let parent = copy;
  for (const key of path.slice(0, -1)) parent = parent[key] as Record<string | number, unknown>;
  const last = path[path.length - 1] as string | number;
  if (value === undefined) delete parent[last];
  else parent[last] = value;
  return copy;
}

const replacements = [undefined, null, 42, 1.5, -1, "", "x", "tool", "base64", true, [], [{}], {}, { type: "text" }];

/**
 * The hot path's plain checks may only say "accepted" where the schema accepts too: every field of
 * a realistic body is replaced by (or stripped to) each awkward value, and each body the fast path
 * takes must pass the schema. Returns how many bodies were checked.
 */
export function expectFastPathAgrees(options: {
  realistic: unknown;
  acceptsPlainly: (body: unknown) => boolean;
  schemaAccepts: (body: unknown) => boolean;
}): number {
  let checked = 0;
  for (const path of paths(options.realistic)) {
    for (const replacement of replacements) {
      const body = withValue(options.realistic, path, replacement);
      if (options.acceptsPlainly(body)) {
        expect({ path, replacement, accepted: options.schemaAccepts(body) }).toEqual({
          path,
          replacement,
          accepted: true,
        });
      }
      checked++;
    }
  }
  return checked;
}
