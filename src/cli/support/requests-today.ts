import { existsSync } from "node:fs";
import type { LoadedConfig } from "../../config/load-config.js";

const dayMs = 86_400_000;

/**
 * `switchboard status`'s "requests today": the requests the usage store holds since midnight UTC
 * (the day `switchboard usage --today` reports), or undefined when there is nothing to read: no
 * store, a SQLite file no gateway has created, or a store that does not open (`doctor` says why).
 */
export async function readRequestsToday(
  loaded: LoadedConfig | undefined,
  now: number = Date.now(),
): Promise<number | undefined> {
  const settings = loaded?.config.store;
  if (settings === undefined || !settings.enabled) return undefined;
  // Reading must not create the file (and its folder) a gateway has never written.
  if (settings.engine === "sqlite" && !existsSync(settings.path)) return undefined;
  // Loaded only here: `switchboard status` without a store needs neither kysely nor a driver.
  const [{ openUsageStore }, { createLogger }] = await Promise.all([
    import("../../store/open-usage-store.js"),
    import("../../lib/logger.js"),
  ]);
  const store = await openUsageStore({ store: settings, logger: createLogger({ level: "silent" }) });
  try {
    if (!store.health().up) return undefined;
    const report = await store.queryUsage({ from: now - (now % dayMs), to: now, groupBy: "model" });
    return report.totals.requests;
  } catch {
    return undefined;
  } finally {
    await store.close();
  }
}
