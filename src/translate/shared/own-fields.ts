/**
 * The own fields of a wire object that `keep` accepts, as a new object, or undefined when none is.
 * Decoders use it to carry fields the IR has no name for. A loop, not `Object.entries`: it runs for
 * every tool, message and input item of every request. A field a client named `__proto__` (JSON.parse
 * makes it an own field) is copied as data: a plain assignment would set the new object's prototype
 * and lose the field.
 */
export function pickOwnFields(
  source: object,
  keep: (key: string, value: unknown) => boolean,
): Record<string, unknown> | undefined {
  let picked: Record<string, unknown> | undefined;
  for (const key in source) {
    if (!Object.hasOwn(source, key)) continue;
    const value = (source as Record<string, unknown>)[key];
    if (!keep(key, value)) continue;
    picked ??= {};
    if (key === "__proto__")
      Object.defineProperty(picked, key, { value, enumerable: true, writable: true, configurable: true });
    else picked[key] = value;
  }
  return picked;
}
