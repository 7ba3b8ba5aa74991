import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import { approveClaudeKey } from "../../setup/claude-settings.js";
import { claudeStatePath, findClient, installHints, type ClientName } from "../../setup/client-paths.js";
import { applyChanges, readTextIfExists } from "../../setup/file-change.js";
import { clientVariables, codexOverrides } from "../support/client-environment.js";
import { resolveGatewayTarget } from "../support/gateway-target.js";
import { isHealthy, runningGateway } from "../support/gateway-state.js";
import { claudeTierVariables, codexModelArguments, fetchOfferedModels } from "../support/launch-models.js";
import { startDetached } from "../support/start-detached.js";

/** This package's folder (three up from src/cli/commands and dist/cli/commands), for its own node_modules/.bin. */
const packageRoot = fileURLToPath(new URL("../../../", import.meta.url));

/**
 * `switchboard claude …` / `switchboard codex …`: runs the client with its environment pointed
 * at the gateway, starting the gateway in the background first when it is not up. The user's
 * settings files are not touched (Claude Code's key approval aside: without it the interactive
 * client stops to ask).
 */
export async function launchClient(options: {
  client: ClientName;
  args: string[];
  env: NodeJS.ProcessEnv;
  write: (line: string) => void;
}): Promise<number> {
  const { env, write } = options;
  const binary = findClient(options.client, env, packageRoot);
  if (binary === undefined) {
    write(`${options.client} is not installed. Install it: ${installHints[options.client]}`);
    return 127;
  }
  const target = await resolveGatewayTarget({}, env);
  let url = runningGateway(env)?.url ?? target.url;
  if (!(await isHealthy(url))) {
    const started = await startDetached({ startArguments: [], env });
    url = started.state.url;
    write(`Started Switchboard in the background at ${url} (stop it with \`switchboard stop\`).`);
  }
  const childEnv: NodeJS.ProcessEnv = { ...env, ...clientVariables(url, target.apiKey) };
  delete childEnv["ANTHROPIC_API_KEY"];
  let args = options.args;
  // The models setup would write, from the gateway's own list: the clients' built-in model names
  // may be routable nowhere (Codex's default) or name a model the account has not enabled.
  const offered = await fetchOfferedModels(url, target.apiKey);
  if (options.client === "claude") {
    Object.assign(childEnv, claudeTierVariables({ env, offered, write }));
    const statePath = claudeStatePath(env);
    const before = await readTextIfExists(statePath);
    await applyChanges([
      { path: statePath, before, after: approveClaudeKey(before, statePath, target.apiKey), backup: false },
    ]);
  } else {
    args = [...codexOverrides(url), ...codexModelArguments({ args, env, offered, write }), ...args];
  }
  return await new Promise<number>((resolve, reject) => {
    const child = spawn(binary, args, { stdio: "inherit", env: childEnv });
    child.once("error", reject);
    child.once("exit", (code, signal) => resolve(code ?? (signal === null ? 1 : 128)));
  });
}
