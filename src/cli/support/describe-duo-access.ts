import type { ProviderSignInState } from "../../providers/provider.js";

type GitlabState = Extract<ProviderSignInState, { kind: "gitlab" }>;

/** `direct access from https://gitlab.com until …`: a Duo provider's sign-in, for doctor and status. */
export function describeDuoAccess(state: GitlabState): string {
  return `direct access from ${state.instanceUrl}${state.tokenExpiresAt === undefined ? "" : ` until ${state.tokenExpiresAt}`}`;
}
