import { loadConfig, type ConfigFlags, type LoadedConfig } from "../../config/load-config.js";
import { describeDuration } from "../support/describe-duration.js";
import { isHealthy, runningGateway } from "../support/gateway-state.js";
import { readRequestsToday } from "../support/requests-today.js";

async function loadQuietly(env: NodeJS.ProcessEnv, flags: ConfigFlags): Promise<LoadedConfig | undefined> {
  try {
    return await loadConfig({ env, flags });
  } catch {
    return undefined;
  }
}

/**
 * The gateway part of `switchboard status`: up or not, where, since when, and the requests of
 * today when a usage store is configured. Every `start` (detached or not) records itself in the
 * data folder's pid file; a gateway without that record (another data folder, or a second one) is
 * found by asking the port `--port`, `--config` or the config name. Returns whether a gateway answers.
 */
export async function describeGatewayStatus(options: {
  env: NodeJS.ProcessEnv;
  flags?: ConfigFlags;
  write: (line: string) => void;
  now?: () => number;
}): Promise<boolean> {
  const { write } = options;
  const flags = options.flags ?? {};
  const loaded = await loadQuietly(options.env, flags);
  const recorded = runningGateway(options.env);
  // `--port` names the gateway to report: the recorded one only when it is on that port.
  const state = flags.port === undefined || recorded?.port === flags.port ? recorded : undefined;
  const now = options.now ?? Date.now;
  if (state !== undefined) {
    const healthy = await isHealthy(state.url);
    const uptime = describeDuration(now() - Date.parse(state.startedAt));
    write(
      `Gateway: ${healthy ? "up" : "not answering"} at ${state.url} (pid ${state.pid}, port ${state.port}, up ${uptime})`,
    );
    if (!healthy) write(`  Its process is alive but /health does not answer; see \`switchboard logs\`.`);
  } else {
    const server = loaded?.config.server;
    const host = server === undefined || server.host === "0.0.0.0" ? "127.0.0.1" : server.host;
    const url = `http://${host}:${flags.port ?? server?.port ?? 4000}`;
    if (!(await isHealthy(url))) {
      write(`Gateway: not running at ${url} (start it with \`switchboard start --detach\`)`);
      return false;
    }
    write(`Gateway: up at ${url} (not recorded in this data folder, so no pid or uptime)`);
  }
  const requests = await readRequestsToday(loaded);
  if (requests !== undefined) write(`Requests today (UTC): ${requests}`);
  return true;
}
