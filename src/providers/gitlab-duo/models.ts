import type { WireApi } from "../../protocols/wire-api.js";

/** Which vendor proxy of the AI gateway serves a model. */
export type DuoVendor = "anthropic" | "openai";

/** One row of the Duo model table: the name GitLab gives it, the vendor's model id behind it, and short names. */
export interface DuoModelEntry {
  /** GitLab's name, e.g. `duo-chat-sonnet-4-5`. */
  duoName: string;
  /** The vendor's model id, sent as the body's `model`. */
  backendModel: string;
  aliases: string[];
  vendor: DuoVendor;
  /** Wire APIs the gateway offers for this model, preferred first. */
  apis: WireApi[];
  displayName?: string;
  contextWindow?: number;
  maxOutputTokens?: number;
}

/** A row as a user writes it in config: everything but the Duo name is optional for an override. */
export interface DuoModelOverride {
  model?: string;
  aliases?: string[];
  vendor?: DuoVendor;
  apis?: WireApi[];
  display_name?: string;
  context_window?: number;
  max_output_tokens?: number;
}

/**
 * The seed's table (gitlab-duo-proxy), as data. Codex models are reached through the gateway's
 * OpenAI Responses route only: OpenAI serves them on `/v1/responses` and not on Chat Completions,
 * and public GitLab clients (pi-mono's `gitlab-duo` provider) send them to
 * `/ai/v1/proxy/openai/v1/responses` while the other GPT models go to `/chat/completions`.
 */
export const defaultDuoModels: readonly DuoModelEntry[] = [
  claude("duo-chat-opus-4-6", "claude-opus-4-6", ["opus", "opus-4-6"], "Opus 4.6"),
  claude("duo-chat-sonnet-4-6", "claude-sonnet-4-6", ["sonnet-4-6"], "Sonnet 4.6"),
  claude("duo-chat-opus-4-5", "claude-opus-4-5-20251101", ["opus-4-5"], "Opus 4.5"),
  claude("duo-chat-sonnet-4-5", "claude-sonnet-4-5-20250929", ["sonnet", "sonnet-4-5"], "Sonnet 4.5"),
  claude("duo-chat-haiku-4-5", "claude-haiku-4-5-20251001", ["haiku", "haiku-4-5"], "Haiku 4.5"),
  gpt("duo-chat-gpt-5-1", "gpt-5.1-2025-11-13", ["gpt-5.1", "gpt-5-1"], "GPT-5.1"),
  gpt("duo-chat-gpt-5-2", "gpt-5.2-2025-12-11", ["gpt-5.2", "gpt-5-2"], "GPT-5.2"),
  gpt("duo-chat-gpt-5-mini", "gpt-5-mini-2025-08-07", ["gpt-5-mini"], "GPT-5 mini"),
  gpt("duo-chat-gpt-5-codex", "gpt-5-codex", ["gpt-5-codex"], "GPT-5 Codex"),
  gpt("duo-chat-gpt-5-2-codex", "gpt-5.2-codex", ["codex", "gpt-5.2-codex"], "GPT-5.2 Codex"),
  gpt("duo-chat-gpt-5-3-codex", "gpt-5.3-codex", ["gpt-5.3-codex"], "GPT-5.3 Codex"),
];

function claude(duoName: string, backendModel: string, aliases: string[], label: string): DuoModelEntry {
  return {
    duoName,
    backendModel,
    aliases,
    vendor: "anthropic",
    apis: apisFor("anthropic", backendModel),
    displayName: `GitLab Duo ${label}`,
  };
}

function gpt(duoName: string, backendModel: string, aliases: string[], label: string): DuoModelEntry {
  return {
    duoName,
    backendModel,
    aliases,
    vendor: "openai",
    apis: apisFor("openai", backendModel),
    displayName: `GitLab Duo ${label}`,
  };
}

/** Claude models: the vendor proxy is an unmodified Messages API, so Claude Code passes through. */
export function apisFor(vendor: DuoVendor, backendModel: string): WireApi[] {
  if (vendor === "anthropic") return ["anthropic-messages"];
  return backendModel.includes("codex") ? ["openai-responses"] : ["openai-chat"];
}

export function vendorFor(backendModel: string): DuoVendor {
  return /^(anthropic\/)?claude/i.test(backendModel) ? "anthropic" : "openai";
}

/**
 * The default table with the user's additions and overrides applied. An override of an existing
 * Duo name changes only the fields it sets; a new Duo name needs at least `model`.
 */
export function buildModelTable(overrides: Record<string, DuoModelOverride> = {}): DuoModelEntry[] {
  const table = new Map(defaultDuoModels.map((entry) => [entry.duoName, { ...entry, aliases: [...entry.aliases] }]));
  for (const [duoName, override] of Object.entries(overrides)) {
    const existing = table.get(duoName);
    const backendModel = override.model ?? existing?.backendModel;
    if (backendModel === undefined) {
      throw new Error(`gitlab-duo: the model "${duoName}" added in config needs a "model" (the backend model id).`);
    }
    const modelChanged = existing === undefined || backendModel !== existing.backendModel;
    const vendor = override.vendor ?? (modelChanged ? vendorFor(backendModel) : existing.vendor);
    const entry: DuoModelEntry = {
      duoName,
      backendModel,
      aliases: override.aliases ?? existing?.aliases ?? [],
      vendor,
      apis: override.apis ?? (modelChanged || override.vendor ? apisFor(vendor, backendModel) : existing.apis),
    };
    const displayName = override.display_name ?? existing?.displayName;
    if (displayName !== undefined) entry.displayName = displayName;
    const contextWindow = override.context_window ?? existing?.contextWindow;
    if (contextWindow !== undefined) entry.contextWindow = contextWindow;
    const maxOutputTokens = override.max_output_tokens ?? existing?.maxOutputTokens;
    if (maxOutputTokens !== undefined) entry.maxOutputTokens = maxOutputTokens;
    table.set(duoName, entry);
  }
  return [...table.values()];
}
