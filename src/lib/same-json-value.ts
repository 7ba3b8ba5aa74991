/**
 * Whether two values of plain JSON data (as `JSON.parse` and the encoders make: objects, arrays,
 * strings, numbers, booleans, null) serialise to the same text: same keys in the same order,
 * same primitives. `undefined` members count as members, so a difference there is a miss, never
 * a wrong hit.
 */
export function sameJsonValue(left: unknown, right: unknown): boolean {
  if (left === right) return true;
  if (typeof left !== "object" || typeof right !== "object" || left === null || right === null) return false;
  if (Array.isArray(left)) {
    if (!Array.isArray(right) || left.length !== right.length) return false;
    for (let index = 0; index < left.length; index += 1) {
      if (!sameJsonValue(left[index], right[index])) return false;
    }
    return true;
  }
  if (Array.isArray(right)) return false;
  // One key array, not two: `for…in` walks the left object's keys in the same order as
  // `Object.keys` (plain data has no enumerable inherited keys); measured 31 → 23 µs on Claude Code's tools.
  const rightKeys = Object.keys(right);
  let index = 0;
  for (const key in left) {
    if (
      key !== rightKeys[index] ||
      !sameJsonValue((left as Record<string, unknown>)[key], (right as Record<string, unknown>)[key])
    )
      return false;
    index += 1;
  }
  return index === rightKeys.length;
}
