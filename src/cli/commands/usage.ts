import { ConfigError } from "../../config/config-error.js";
import { loadConfig } from "../../config/load-config.js";
import { createLogger } from "../../lib/logger.js";
import { openUsageStore } from "../../store/open-usage-store.js";
import type { UsageGroup, UsageReport } from "../../store/usage-store.js";
import { byValues, type UsageOptions } from "./usage-command.js";

export type { UsageOptions };

const dayMs = 86_400_000;

/** The period asked for: today (UTC) by default, the last 7 or 30 days. */
export function usagePeriod(options: UsageOptions, now = Date.now()): { from: number; to: number; label: string } {
  const chosen = [options.today, options.week, options.month].filter(Boolean).length;
  if (chosen > 1) throw new ConfigError("Give one of --today, --week or --month.");
  if (options.week === true) return { from: now - 7 * dayMs, to: now, label: "the last 7 days" };
  if (options.month === true) return { from: now - 30 * dayMs, to: now, label: "the last 30 days" };
  return { from: now - (now % dayMs), to: now, label: "today (UTC)" };
}

const integer = new Intl.NumberFormat("en-US");

function cells(group: UsageGroup): string[] {
  return [
    group.key === "" ? "(none)" : group.key,
    integer.format(group.requests),
    integer.format(group.input_tokens),
    integer.format(group.output_tokens),
    integer.format(group.cache_read_tokens),
    // The provider's prompt cache: cache reads over input tokens; "-" where nothing was sent.
    group.input_tokens === 0 ? "-" : `${Math.round(group.prompt_cache_hit_rate * 100)} %`,
    // Switchboard's response cache: answers replayed over lookups; "-" where none was replayed.
    group.cache_hit_rate === 0 ? "-" : `${Math.round(group.cache_hit_rate * 100)} %`,
    `${integer.format(group.premium_spent)} / ${integer.format(group.premium_saved)}`,
    `$${group.cost_usd.toFixed(2)}`,
    integer.format(group.errors),
    group.p50_ms === null ? "-" : `${integer.format(group.p50_ms)} ms`,
    group.p95_ms === null ? "-" : `${integer.format(group.p95_ms)} ms`,
  ];
}

/** The report as a plain-text table, the totals last. */
export function formatUsageTable(report: UsageReport, by: string): string {
  const header = [
    by,
    "requests",
    "input",
    "output",
    "cached",
    "prompt cache hit",
    "response cache hit",
    "premium spent / saved",
    "est. cost",
    "errors",
    "p50",
    "p95",
  ];
  const rows = [header, ...report.rows.map(cells), cells({ ...report.totals, key: "total" })];
  const widths = header.map((_, column) => Math.max(...rows.map((row) => (row[column] ?? "").length)));
  const line = (row: string[]) =>
    row
      .map((cell, column) => (column === 0 ? cell.padEnd(widths[column] ?? 0) : cell.padStart(widths[column] ?? 0)))
      .join("  ");
  const rule = widths.map((width) => "-".repeat(width)).join("  ");
  const body = rows.slice(1, -1).map(line);
  return [line(header), rule, ...body, ...(body.length > 0 ? [rule] : []), line(rows[rows.length - 1] ?? [])].join(
    "\n",
  );
}

/** `switchboard usage`: what the gateway served over a period, per model, provider, session or client. */
export async function showUsage(
  options: UsageOptions,
  print: (line: string) => void = console.log,
  context: { env?: NodeJS.ProcessEnv; cwd?: string } = {},
): Promise<void> {
  const by = options.by ?? "model";
  if (!(byValues as readonly string[]).includes(by))
    throw new ConfigError(`--by ${by}: expected one of ${byValues.join(", ")}.`);
  const period = usagePeriod(options);
  const loaded = await loadConfig({
    flags: options.config === undefined ? {} : { config: options.config },
    ...(context.env === undefined ? {} : { env: context.env }),
    ...(context.cwd === undefined ? {} : { cwd: context.cwd }),
    // The store's settings are all it needs: no provider is looked for.
    providerTypes: {},
  });
  const store = await openUsageStore({ store: loaded.config.store, logger: createLogger({ level: "silent" }) });
  try {
    const health = store.health();
    if (!health.up) throw new ConfigError(health.error ?? "The usage store cannot be opened.");
    const report = await store.queryUsage({
      from: period.from,
      to: period.to,
      groupBy: by as (typeof byValues)[number],
    });
    if (options.json === true) {
      print(JSON.stringify(report, null, 2));
      return;
    }
    print(`Usage ${period.label}, by ${by} (${report.from} to ${report.to})`);
    print(formatUsageTable(report, by));
  } finally {
    await store.close();
  }
}
