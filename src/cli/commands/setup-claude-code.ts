import { existsSync } from "node:fs";
import {
  approveClaudeKey,
  tierVariables,
  updateClaudeSettings,
  withdrawClaudeKey,
  type TierModels,
} from "../../setup/claude-settings.js";
import { clientKeyPath, currentSelfCommand, keyHelperCommand } from "../../setup/client-key-file.js";
import { claudeSettingsPath, claudeStatePath, findClient, installHints } from "../../setup/client-paths.js";
import {
  applyChanges,
  backupPathOf,
  diffOf,
  readTextIfExists,
  restoreBackup,
  type FileChange,
} from "../../setup/file-change.js";
import { findClaudeConflicts } from "../../setup/find-claude-conflicts.js";
import { describeChosenNotEnabled, describeSkipped, pickTierModels } from "../../setup/pick-tier-models.js";
import { listOfferedModels, resolveGatewayTarget, type TargetOptions } from "../support/gateway-target.js";
import { askTierModels } from "../support/ask-tier-models.js";
import type { SetupContext } from "../support/setup-context.js";

export interface SetupClaudeCodeOptions extends TargetOptions, TierModels {
  project?: boolean;
  dryRun?: boolean;
  undo?: boolean;
  /** Claude Code asks `switchboard key print` for the key (apiKeyHelper) instead of reading it from settings.json. */
  keyHelper?: boolean;
}

/** `switchboard setup claude-code`: points Claude Code's settings at this gateway. Returns the files it would change. */
export async function setupClaudeCode(options: SetupClaudeCodeOptions, context: SetupContext): Promise<FileChange[]> {
  const { env, write } = context;
  const settingsPath = claudeSettingsPath({ env, ...(options.project === true && { project: context.cwd }) });
  const statePath = claudeStatePath(env);
  const target = await resolveGatewayTarget(options, env);
  const keyPath = clientKeyPath(env);
  if (options.undo === true) {
    write(await restoreBackup(settingsPath));
    if (existsSync(backupPathOf(keyPath))) write(await restoreBackup(keyPath));
    const state = await readTextIfExists(statePath);
    const withdrawn = withdrawClaudeKey(state, statePath, target.apiKey);
    if (withdrawn !== undefined && withdrawn !== state) {
      await applyChanges([{ path: statePath, before: state, after: withdrawn, backup: false }]);
      write(`removed the key's approval from ${statePath}`);
    }
    return [];
  }
  const chosen: TierModels = { ...chosenTiers(options) };
  const offered = await listOfferedModels(target.loaded);
  const pick = pickTierModels(offered, chosen);
  for (const line of describeSkipped(pick.skipped)) write(line);
  let tiers = pick.tiers;
  if (context.interactive === true && Object.keys(chosen).length === 0 && offered.length > 0)
    tiers = await askTierModels({ offered, suggested: tiers, ask: context.ask, write });
  for (const line of describeChosenNotEnabled(offered, [...new Set(Object.values(tiers))])) write(line);
  const settingsBefore = await readTextIfExists(settingsPath);
  const stateBefore = await readTextIfExists(statePath);
  const helper = options.keyHelper === true ? keyHelperCommand(context.selfCommand ?? currentSelfCommand()) : undefined;
  const settingsAfter = updateClaudeSettings(settingsBefore, settingsPath, {
    baseUrl: target.url,
    apiKey: target.apiKey,
    tiers,
    ...(helper !== undefined && { keyHelper: helper }),
  });
  const changes: FileChange[] = [
    { path: settingsPath, before: settingsBefore, after: settingsAfter, holdsSecret: helper === undefined },
    {
      path: statePath,
      before: stateBefore,
      after: approveClaudeKey(stateBefore, statePath, target.apiKey),
      backup: false,
    },
  ];
  if (helper !== undefined)
    changes.push({
      path: keyPath,
      before: await readTextIfExists(keyPath),
      after: `${target.apiKey}\n`,
      holdsSecret: true,
    });
  for (const [tier, variable] of Object.entries(tierVariables) as Array<[keyof TierModels, string]>)
    write(`${variable}=${tiers[tier] ?? "(not set: the gateway maps Claude Code's own names)"}`);
  if (options.dryRun === true) {
    for (const change of changes) write(diffOf(change) || `unchanged ${change.path}`);
  } else {
    for (const line of await applyChanges(changes)) write(line);
  }
  write(`Claude Code will use ${target.url} (from ${settingsPath}).`);
  if (options.project === true && target.keyRequired)
    write(`Note: ${settingsPath} now holds the gateway key; keep it out of version control if the project is shared.`);
  for (const conflict of findClaudeConflicts({ env, cwd: context.cwd, gatewayUrl: target.url }))
    write(`Conflict: ${conflict.where} ${conflict.problem}. Fix: ${conflict.fix}.`);
  if (findClient("claude", env) === undefined)
    write(`Claude Code is not installed (no \`claude\` on PATH). Install it: ${installHints.claude}`);
  return changes;
}

function chosenTiers(options: TierModels): TierModels {
  const tiers: TierModels = {};
  for (const tier of ["opus", "sonnet", "haiku", "subagent"] as const) {
    const model = options[tier];
    if (model !== undefined) tiers[tier] = model;
  }
  return tiers;
}
