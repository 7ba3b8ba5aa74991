// Test support shared by the three translators' tests (excluded from the build with every `testing/` folder).

/** Yields the values one by one, as an upstream stream or an SSE body would arrive. */
export async function* fromArray<T>(values: Iterable<T>): AsyncGenerator<T> {
  for (const value of values) yield value;
}

/** Reads an async iterable to the end. */
export async function collect<T>(values: AsyncIterable<T>): Promise<T[]> {
  const result: T[] = [];
  for await (const value of values) result.push(value);
  return result;
}
