/**
 * A budget in dollars with as many digits as it has, at least two: $50.00, $12.50, $0.0001
 * (a small budget must not read as $0.00). Pure: the dashboard bundles it too.
 */
export function budgetDollars(usd: number): string {
  for (let digits = 2; digits < 12; digits++) {
    const text = usd.toFixed(digits);
    if (Number(text) === usd) return `$${text}`;
  }
  return `$${usd.toFixed(12)}`;
}

/** `1 request`, `2 requests`: a count with its noun, singular for one. */
export function countOf(count: number, singular: string, plural = `${singular}s`): string {
  return `${count} ${count === 1 ? singular : plural}`;
}
