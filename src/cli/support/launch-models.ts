import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "@decimalturn/toml-patch";
import { tierVariables, type TierModels } from "../../setup/claude-settings.js";
import { codexHome } from "../../setup/client-paths.js";
import { describeSkipped, pickCodexModel, pickTierModels, type OfferedModel } from "../../setup/pick-tier-models.js";

/**
 * The providers' models as the running gateway lists them (`GET /v1/models`), in the form setup
 * picks from: its own aliases left out (setup's list has none), a model the account has not
 * enabled marked. Empty when the gateway does not answer: the client then runs as it would have.
 */
export async function fetchOfferedModels(url: string, apiKey: string, timeoutMs = 10_000): Promise<OfferedModel[]> {
  try {
    const response = await fetch(`${url}/v1/models`, {
      headers: { authorization: `Bearer ${apiKey}` },
      signal: AbortSignal.timeout(timeoutMs),
    });
    if (!response.ok) return [];
    const body = (await response.json()) as { data?: Array<Record<string, unknown>> };
    return (body.data ?? [])
      .filter((entry) => typeof entry["id"] === "string" && entry["owned_by"] !== "switchboard")
      .map((entry) => ({
        id: String(entry["id"]),
        ...(entry["enabled"] === false && {
          notEnabled: { state: String(entry["policy_state"] ?? "not enabled"), fix: String(entry["fix"] ?? "") },
        }),
      }));
  } catch {
    return [];
  }
}

function readCodexConfig(env: NodeJS.ProcessEnv): Record<string, unknown> {
  try {
    return parse(readFileSync(join(codexHome(env), "config.toml"), "utf8")) as Record<string, unknown>;
  } catch {
    return {};
  }
}

/**
 * Whether the user chose Codex's model: `-m`/`--model`, `-c model=…`, or a `model` in config.toml
 * (at the top or in the profile `-p`/`--profile` names). Their choice always wins over a pick.
 */
export function codexModelChosen(args: string[], env: NodeJS.ProcessEnv): boolean {
  let profile: string | undefined;
  for (let index = 0; index < args.length; index++) {
    const argument = args[index] ?? "";
    if (/^-m|^--model(=|$)/.test(argument)) return true;
    const override = /^(?:-c|--config)(?:=|$)/.test(argument)
      ? argument.includes("=")
        ? argument.slice(argument.indexOf("=") + 1)
        : args[index + 1]
      : /^-c./.test(argument)
        ? argument.slice(2)
        : undefined;
    if (override !== undefined && /^\s*model\s*=/.test(override)) return true;
    if (argument === "-p" || argument === "--profile") profile = args[index + 1];
    else if (argument.startsWith("--profile=")) profile = argument.slice("--profile=".length);
  }
  const config = readCodexConfig(env);
  const profiles = (config["profiles"] ?? {}) as Record<string, Record<string, unknown> | undefined>;
  return (
    typeof config["model"] === "string" || (profile !== undefined && typeof profiles[profile]?.["model"] === "string")
  );
}

/**
 * Codex's `-c model=…` for the model `setup codex` would pick, unless the user chose one: Codex's
 * own default model is routable nowhere, so a bare `switchboard codex exec …` would fail.
 */
export function codexModelArguments(options: {
  args: string[];
  env: NodeJS.ProcessEnv;
  offered: OfferedModel[];
  write: (line: string) => void;
}): string[] {
  if (codexModelChosen(options.args, options.env)) return [];
  const { model, skipped } = pickCodexModel(options.offered, undefined);
  for (const line of describeSkipped(skipped)) options.write(line);
  if (model === undefined) {
    options.write("No model to give Codex: the gateway lists none it can use. Choose one with -m.");
    return [];
  }
  options.write(`Codex will use ${model} (the model \`switchboard setup codex\` picks; choose another with -m).`);
  return ["-c", `model=${JSON.stringify(model)}`];
}

/**
 * Claude Code's tier variables as `setup claude-code` would write them, each one the user's
 * environment sets left alone (settings.json's `env` still wins inside Claude Code).
 */
export function claudeTierVariables(options: {
  env: NodeJS.ProcessEnv;
  offered: OfferedModel[];
  write: (line: string) => void;
}): Record<string, string> {
  // The user's own tier variables count as chosen, so the subagent tier follows their sonnet model.
  const entries = Object.entries(tierVariables) as Array<[keyof TierModels, string]>;
  const chosen: TierModels = {};
  for (const [tier, variable] of entries) if (options.env[variable] !== undefined) chosen[tier] = options.env[variable];
  const { tiers, skipped } = pickTierModels(options.offered, chosen);
  const variables: Record<string, string> = {};
  for (const [tier, variable] of entries) {
    const model = tiers[tier];
    if (model !== undefined && options.env[variable] === undefined) variables[variable] = model;
  }
  if (Object.keys(variables).length === 0) return variables;
  for (const line of describeSkipped(skipped)) options.write(line);
  const listing = Object.entries(variables).map(([variable, model]) => `${variable}=${model}`);
  options.write(`Claude Code's model tiers, as \`switchboard setup claude-code\` picks them: ${listing.join(", ")}.`);
  return variables;
}
