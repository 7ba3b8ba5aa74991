import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "@decimalturn/toml-patch";
import { catchAllAlias } from "../../router/resolve-model.js";
import type { ModelInfo, Provider } from "../../providers/provider.js";
import { tierVariables, type TierModels } from "../../setup/claude-settings.js";
import { claudeSettingsPath, codexHome } from "../../setup/client-paths.js";
import { fail, note, pass, type CheckResult } from "./check-result.js";

/** A model name a client's settings will ask this gateway for, and the command that rewrites it. */
export interface ClientModel {
  label: string;
  model: string;
  setupCommand: string;
}

function readOrEmpty(path: string): string {
  try {
    return readFileSync(path, "utf8");
  } catch {
    return "";
  }
}

function sameUrl(left: unknown, right: string): boolean {
  return typeof left === "string" && left.replace(/\/+$/, "") === right;
}

/**
 * The tier models in Claude Code's user settings and Codex's `model`, when those point at this
 * gateway (a file that does not parse is reported by the client checks, not here).
 */
export function readClientModels(env: NodeJS.ProcessEnv, gatewayUrl: string): ClientModel[] {
  const models: ClientModel[] = [];
  try {
    const settings = JSON.parse(readOrEmpty(claudeSettingsPath({ env })) || "{}") as { env?: Record<string, unknown> };
    const settingsEnv = settings.env ?? {};
    if (sameUrl(settingsEnv["ANTHROPIC_BASE_URL"], gatewayUrl)) {
      for (const [tier, variable] of Object.entries(tierVariables) as Array<[keyof TierModels, string]>) {
        const model = settingsEnv[variable];
        if (typeof model === "string")
          models.push({ label: `Claude Code ${tier} tier`, model, setupCommand: "switchboard setup claude-code" });
      }
    }
  } catch {
    // checkClaudeCode names the broken file.
  }
  try {
    const config = parse(readOrEmpty(join(codexHome(env), "config.toml"))) as Record<string, unknown>;
    const providers = (config["model_providers"] ?? {}) as Record<string, Record<string, unknown> | undefined>;
    const providerId = typeof config["model_provider"] === "string" ? config["model_provider"] : undefined;
    const apiUrl = `${gatewayUrl}/v1`;
    const pointsHere =
      sameUrl(providerId === undefined ? undefined : providers[providerId]?.["base_url"], apiUrl) ||
      sameUrl(config["openai_base_url"], apiUrl);
    if (pointsHere && typeof config["model"] === "string")
      models.push({ label: "Codex model", model: config["model"], setupCommand: "switchboard setup codex" });
  } catch {
    // checkCodex names the broken file.
  }
  return models;
}

/**
 * Whether a client's model is routable here and usable by the account: a Copilot model whose
 * policy is not enabled is refused upstream with a 403 on the client's first turn.
 */
export async function checkClientModel(options: {
  entry: ClientModel;
  providers: Map<string, Provider>;
  offered: Map<string, ModelInfo[]>;
  aliases: string[];
}): Promise<CheckResult> {
  const { entry, providers, offered, aliases } = options;
  const name = `${entry.label} → ${entry.model}`;
  if (aliases.includes(entry.model)) return pass(name, "an alias in the config (its targets are checked above)");
  const slash = entry.model.indexOf("/");
  const provider = slash === -1 ? undefined : providers.get(entry.model.slice(0, slash));
  const modelName = provider === undefined ? entry.model : entry.model.slice(slash + 1);
  const candidates = (provider === undefined ? [...providers.values()] : [provider]).filter((candidate) =>
    offered.has(candidate.id),
  );
  for (const candidate of candidates) {
    const resolved = await candidate.resolveModel(modelName).catch(() => undefined);
    if (resolved === undefined) continue;
    if (resolved.notEnabled !== undefined)
      return fail(
        name,
        `${candidate.id} lists ${resolved.id} but this account cannot use it (policy ${resolved.notEnabled.state}); requests for it are refused`,
        `${resolved.notEnabled.fix}, or run \`${entry.setupCommand}\` to pick a model the account can use`,
      );
    return pass(name, `served by ${candidate.id} as ${resolved.id}`);
  }
  if (provider !== undefined && offered.has(provider.id))
    return note(name, `not in ${provider.id}'s model list; sent as named, and the upstream decides`);
  if (provider === undefined && aliases.includes(catchAllAlias))
    return pass(name, `not offered by name; the "${catchAllAlias}" route serves it`);
  return fail(
    name,
    provider !== undefined ? `provider ${provider.id} did not answer` : "not routable: no provider offers it",
    `run \`${entry.setupCommand}\` to pick a model the providers offer (\`curl …/v1/models\` lists them)`,
  );
}
