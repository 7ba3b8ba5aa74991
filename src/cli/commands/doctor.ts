import { ConfigError } from "../../config/config-error.js";
import { checkClaudeCode, checkCodex } from "../doctor/check-clients.js";
import { readClientModels } from "../doctor/check-client-models.js";
import { checkMcpServers } from "../doctor/check-mcp-servers.js";
import { checkPort } from "../doctor/check-port.js";
import { checkProviders } from "../doctor/check-providers.js";
import { buildProviders } from "../support/build-providers.js";
import { checkRedis } from "../doctor/check-redis.js";
import { fail, pass, renderCheck, type CheckResult } from "../doctor/check-result.js";
import { checkStore } from "../doctor/check-store.js";
import { checkClientVersion, checkNode } from "../doctor/check-versions.js";
import { resolveGatewayTarget, type TargetOptions } from "../support/gateway-target.js";
import { runningGateway } from "../support/gateway-state.js";

/**
 * `switchboard doctor`: every check with ✓ or ✗ and the fix; returns whether nothing is broken.
 * A config that does not load stops the checks that need it.
 */
export async function runDoctor(options: {
  target?: TargetOptions;
  env: NodeJS.ProcessEnv;
  cwd: string;
  write: (line: string) => void;
  providerTimeoutMs?: number;
}): Promise<boolean> {
  const { env, write } = options;
  const results: CheckResult[] = [];
  const report = (result: CheckResult): void => {
    results.push(result);
    for (const line of renderCheck(result)) write(line);
  };
  report(checkNode());
  try {
    const target = await resolveGatewayTarget(options.target ?? {}, env);
    const running = options.target?.url === undefined ? runningGateway(env) : undefined;
    if (running !== undefined) target.url = running.url;
    // Built before the config is passed: a provider entry its type refuses is a config error, as at start.
    const providers = buildProviders(target.loaded);
    report(pass("Config", target.loaded.source ?? "no file; providers from the environment"));
    const clientModels = readClientModels(env, target.url);
    for (const result of await checkProviders(target.loaded, providers, options.providerTimeoutMs, clientModels))
      report(result);
    report(await checkPort(target.loaded, target.url));
    report(await checkStore(target.loaded.config.store));
    for (const result of await checkRedis(target.loaded.config.teams)) report(result);
    for (const result of await checkMcpServers(target.loaded.config.mcp)) report(result);
    for (const result of checkClaudeCode(target, env, options.cwd)) report(result);
    report(checkCodex(target, env));
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    report(fail("Config", error.message, "correct the file named above (`switchboard start` prints the same error)"));
  }
  report(await checkClientVersion("claude", env));
  report(await checkClientVersion("codex", env));
  const broken = results.filter((result) => result.status === "fail").length;
  write(broken === 0 ? "Everything checked is fine." : `${broken} problem${broken === 1 ? "" : "s"} found.`);
  return broken === 0;
}
