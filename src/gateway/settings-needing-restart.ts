import { isDeepStrictEqual } from "node:util";
import type { Config } from "../config/schema.js";

/**
 * What a config reload cannot apply, each read once at start: the listening socket, the keys the
 * HTTP layer checks, the store, Redis and the response cache. Compared as the file states them.
 */
const restartOnly: Array<[name: string, read: (config: Config) => unknown]> = [
  ["server.host", (config) => config.server.host],
  ["server.port", (config) => config.server.port],
  ["server.api_key", (config) => config.server.apiKey],
  ["server.admin_key", (config) => config.server.adminKey],
  ["server.body_limit_mb", (config) => config.server.bodyLimitMb],
  ["server.responses_websocket", (config) => config.server.responsesWebsocket],
  ["server.log_level", (config) => config.server.logLevel],
  ["store", (config) => config.store],
  ["redis", (config) => config.teams?.redis],
  ["cache", (config) => config.teams?.cache],
];

/**
 * The settings a reload changed that keep their old value until a restart (`server.api_key`, …).
 * A master key rotated by SIGHUP would otherwise look done while the old key still works.
 */
export function settingsNeedingRestart(previous: Config, next: Config): string[] {
  return restartOnly.filter(([, read]) => !isDeepStrictEqual(read(previous), read(next))).map(([name]) => name);
}
