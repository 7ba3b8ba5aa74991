const integer = new Intl.NumberFormat("en", { maximumFractionDigits: 0 });
const compact = new Intl.NumberFormat("en", { notation: "compact", maximumFractionDigits: 1 });

export function count(value: number | null | undefined): string {
  if (value === null || value === undefined) return "–";
  return value >= 100_000 ? compact.format(value) : integer.format(value);
}

export function milliseconds(value: number | null | undefined): string {
  if (value === null || value === undefined) return "–";
  return value >= 10_000 ? `${(value / 1000).toFixed(1)} s` : `${integer.format(value)} ms`;
}

export function percent(value: number | null | undefined): string {
  if (value === null || value === undefined || Number.isNaN(value)) return "–";
  return `${(value * 100).toFixed(value >= 0.999 || value === 0 ? 0 : 1)} %`;
}

/** The provider's prompt cache: cache reads over input tokens; "–" where no input was sent. */
export function cacheHitRate(row: { input_tokens: number; prompt_cache_hit_rate: number }): string {
  return row.input_tokens === 0 ? "–" : percent(row.prompt_cache_hit_rate);
}

export function dollars(value: number | null | undefined): string {
  if (value === null || value === undefined) return "–";
  return `$${value.toFixed(value < 10 ? 2 : 0)}`;
}

export function time(iso: string): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : date.toLocaleTimeString("en-GB");
}

export function dateTime(iso: string): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : `${date.toLocaleDateString("en-CA")} ${date.toLocaleTimeString("en-GB")}`;
}
