import { join } from "node:path";
import { codexHome, findClient, installHints } from "../../setup/client-paths.js";
import { codexAuthJson, codexKeyVariable, updateCodexConfig } from "../../setup/codex-config.js";
import { applyChanges, diffOf, readTextIfExists, restoreBackup, type FileChange } from "../../setup/file-change.js";
import { parseJsonObject } from "../../setup/parse-json-object.js";
import { describeChosenNotEnabled, describeSkipped, pickCodexModel } from "../../setup/pick-tier-models.js";
import { listOfferedModels, resolveGatewayTarget, type TargetOptions } from "../support/gateway-target.js";
import type { SetupContext } from "../support/setup-context.js";

export interface SetupCodexOptions extends TargetOptions {
  builtin?: boolean;
  model?: string;
  dryRun?: boolean;
  undo?: boolean;
}

/**
 * `switchboard setup codex`: a `[model_providers.switchboard]` table in config.toml (the reliable
 * way: Codex's WebSocket path ignores OPENAI_BASE_URL), or with `--builtin` the built-in
 * provider's `openai_base_url` and the key in auth.json, as `codex login --with-api-key` saves it.
 */
export async function setupCodex(options: SetupCodexOptions, context: SetupContext): Promise<FileChange[]> {
  const { env, write } = context;
  const home = codexHome(env);
  const configPath = join(home, "config.toml");
  const authPath = join(home, "auth.json");
  if (options.undo === true) {
    write(await restoreBackup(configPath));
    write(await restoreBackup(authPath));
    return [];
  }
  const target = await resolveGatewayTarget(options, env);
  const builtin = options.builtin === true;
  const offered = await listOfferedModels(target.loaded);
  const { model, skipped } = pickCodexModel(offered, options.model);
  for (const line of describeSkipped(skipped)) write(line);
  if (model !== undefined) for (const line of describeChosenNotEnabled(offered, [model])) write(line);
  const configBefore = await readTextIfExists(configPath);
  const changes: FileChange[] = [
    {
      path: configPath,
      before: configBefore,
      after: updateCodexConfig(configBefore, configPath, {
        baseUrl: target.url,
        builtin,
        ...(model !== undefined && { model }),
      }),
    },
  ];
  if (builtin) {
    const authBefore = await readTextIfExists(authPath);
    const existing = parseJsonObject(authBefore, authPath);
    const unchanged = existing["auth_mode"] === "apikey" && existing["OPENAI_API_KEY"] === target.apiKey;
    changes.push({
      path: authPath,
      before: authBefore,
      after: unchanged ? (authBefore ?? "") : codexAuthJson(target.apiKey),
      holdsSecret: true,
    });
  }
  if (options.dryRun === true) {
    for (const change of changes) write(diffOf(change) || `unchanged ${change.path}`);
  } else {
    for (const line of await applyChanges(changes)) write(line);
  }
  write(`Codex will use ${target.url}/v1${model === undefined ? "" : ` with model ${model}`}.`);
  if (!builtin) write(`Codex reads the key from ${codexKeyVariable}: export ${codexKeyVariable}=${target.apiKey}`);
  write("Codex's /model picker still shows its built-in list; any model the gateway routes can be typed there.");
  if (findClient("codex", env) === undefined)
    write(`Codex is not installed (no \`codex\` on PATH). Install it: ${installHints.codex}`);
  return changes;
}
