import fc from "fast-check";

/** Values of the wrong size: a 200 KB string, a 5,000-item array, 300 levels of nesting. */
const extremeValue: fc.Arbitrary<unknown> = fc.oneof(
  fc.constant(null).map(() => "y".repeat(200_000)),
  fc.constant(null).map(() => Array.from({ length: 5_000 }, () => ({}))),
  fc.constant(null).map(() => nested(300)),
);

/**
 * Values of every JSON type, the shapes fields are confused with, and (one time in
 * `1 + ordinaryWeight / extremeWeight`) extreme sizes.
 */
export function wrongValue(options: { extremeWeight?: number } = {}): fc.Arbitrary<unknown> {
  const ordinary = fc.oneof(
    fc.constantFrom(
      null,
      true,
      false,
      0,
      -1,
      1.5,
      1e308,
      -1e308,
      Number.MAX_SAFE_INTEGER + 2,
      "",
      "x",
      [],
      {},
      [null],
      [[]],
      [{}],
      { type: null },
      { type: "unknown-kind" },
      { type: 42 },
      { mode: {} },
      { function: null },
      { name: 1 },
      "\u0000\r\n",
      "\ud800",
    ),
    fc.string({ maxLength: 8 }),
    fc.integer(),
    fc.double(),
    fc.array(fc.anything({ maxDepth: 1 }), { maxLength: 3 }),
    fc.dictionary(fc.string({ maxLength: 6 }), fc.anything({ maxDepth: 1 }), { maxKeys: 3 }),
  );
  return fc.oneof(
    { weight: 60, arbitrary: ordinary },
    { weight: options.extremeWeight ?? 20, arbitrary: extremeValue },
  );
}

/** Deeply nested arrays: a recursive reader must not overflow its stack. */
function nested(depth: number): unknown {
  let value: unknown = [];
  for (let level = 0; level < depth; level++) value = [value];
  return value;
}

/**
 * Every path to a value in `body` (objects and arrays), the body's own fields first. Past 12 levels
 * and the 16th item of an array it does not look further: a body already given an extreme value
 * (5,000 items, 300 levels) would otherwise yield tens of thousands of paths.
 */
export function fieldPaths(body: unknown, prefix: Array<string | number> = []): Array<Array<string | number>> {
  const paths: Array<Array<string | number>> = [];
  if (prefix.length >= 12) return paths;
  if (Array.isArray(body)) {
    body.slice(0, 16).forEach((item, index) => {
      paths.push([...prefix, index], ...fieldPaths(item, [...prefix, index]));
    });
  } else if (typeof body === "object" && body !== null) {
    for (const [key, value] of Object.entries(body)) {
      paths.push([...prefix, key], ...fieldPaths(value, [...prefix, key]));
    }
  }
  return paths;
}

/** A deep copy of `body` with the value at `path` replaced (or deleted when `value` is undefined). */
export function withValueAt(body: unknown, path: Array<string | number>, value: unknown): unknown {
  const copy = structuredClone(body) as Record<string | number, unknown>;
  let node: Record<string | number, unknown> = copy;
  for (const key of path.slice(0, -1)) node = node[key] as Record<string | number, unknown>;
  const last = path[path.length - 1] as string | number;
  if (value === undefined) delete node[last];
  else node[last] = value;
  return copy;
}
