/**
 * What a Claude model accepts, read from its name (Anthropic's dashed ids, Copilot's dotted ones,
 * with or without a date). Unknown names are taken to be current models. Sources: Anthropic's
 * thinking, effort and mid-conversation system message docs (platform.claude.com, 2026).
 */
export interface ModelCapabilities {
  /** `thinking: {type: "adaptive"}` (Claude 4.6 and later). */
  adaptiveThinking: boolean;
  /** `thinking: {type: "enabled", budget_tokens}` (removed from Opus 4.7 on). */
  budgetThinking: boolean;
  /** `output_config.effort` (Opus 4.5, and Claude 4.6 and later). */
  effort: boolean;
  /** `role: "system"` messages after a user turn (Opus 4.8 only). */
  midConversationSystem: boolean;
}

export function modelCapabilities(model: string): ModelCapabilities {
  if (/claude-[23]/.test(model)) {
    return { adaptiveThinking: false, budgetThinking: true, effort: false, midConversationSystem: false };
  }
  const match = /(opus|sonnet|haiku)-(\d+)[-.](\d)(?!\d)/.exec(model);
  const family = match?.[1];
  const version = match === null ? undefined : Number(match[2]) * 10 + Number(match[3]);
  if (family === undefined || version === undefined || version >= 50) {
    return { adaptiveThinking: true, budgetThinking: false, effort: true, midConversationSystem: false };
  }
  return {
    adaptiveThinking: version >= 46,
    budgetThinking: version < 47,
    effort: version >= 46 || (version === 45 && family === "opus"),
    midConversationSystem: family === "opus" && version === 48,
  };
}
