import { loadConfig, type LoadedConfig } from "../../config/load-config.js";
import { describeDuration } from "../support/describe-duration.js";
import { isHealthy, runningGateway } from "../support/gateway-state.js";
import { readRequestsToday } from "../support/requests-today.js";

async function loadQuietly(env: NodeJS.ProcessEnv): Promise<LoadedConfig | undefined> {
  try {
    return await loadConfig({ env });
  } catch {
    return undefined;
  }
}

/**
 * The gateway part of `switchboard status`: up or not, where, since when, and the requests of
 * today when a usage store is configured. A gateway started in the foreground has no pid file; it
 * is found by asking the configured port. Returns whether a gateway answers.
 */
export async function describeGatewayStatus(options: {
  env: NodeJS.ProcessEnv;
  write: (line: string) => void;
  now?: () => number;
}): Promise<boolean> {
  const { write } = options;
  const loaded = await loadQuietly(options.env);
  const state = runningGateway(options.env);
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
    const url = `http://${host}:${server?.port ?? 4000}`;
    if (!(await isHealthy(url))) {
      write(`Gateway: not running (start it with \`switchboard start --detach\`)`);
      return false;
    }
    write(`Gateway: up at ${url} (started in the foreground, so no pid file or uptime)`);
  }
  const requests = await readRequestsToday(loaded);
  if (requests !== undefined) write(`Requests today (UTC): ${requests}`);
  return true;
}
