import type { ProviderSignInState } from "../../providers/provider.js";

type GithubState = Extract<ProviderSignInState, { kind: "github" }>;

/** `octocat, plan individual, 250 of 300 premium requests left, resets 2026-12-01`: the Copilot line's tail. */
export function describeCopilotAccount(state: GithubState): string {
  if (state.problem !== undefined) return `plan not read (${state.problem})`;
  const parts = [state.account ?? "account unknown", `plan ${state.plan ?? "unknown"}`];
  const premium = state.premiumRequests;
  if (premium?.unlimited === true) parts.push("premium requests unlimited");
  else if (premium !== undefined)
    parts.push(`${premium.remaining ?? "?"} of ${premium.entitlement ?? "?"} premium requests left`);
  if (state.quotaResetDate !== undefined) parts.push(`resets ${state.quotaResetDate}`);
  return parts.join(", ");
}
