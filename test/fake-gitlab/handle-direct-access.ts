import type { IncomingMessage, ServerResponse } from "node:http";
import { writeJson } from "./vendor-answers.js";
import type { FakeGitlabState, RecordedRequest } from "./fake-gitlab-state.js";
import type { ResolvedFakeGitlabOptions } from "./start-fake-gitlab.js";

/**
 * `POST /api/v4/ai/third_party_agents/direct_access` as GitLab answers it: 401 `{"message":"401
 * Unauthorized"}` for an unknown token, 401 `invalid_token` for an expired one, 403
 * `insufficient_scope` for a token without `api`, a bare 403 for a user without a Duo seat, a 403
 * naming the setting when Duo is off for the group, and 201 with a token and `x-gitlab-*` headers.
 */
export function handleDirectAccess(options: {
  request: IncomingMessage;
  response: ServerResponse;
  recorded: RecordedRequest;
  state: FakeGitlabState;
  settings: ResolvedFakeGitlabOptions;
  instanceHost: string;
}): void {
  const { response, recorded, state, settings } = options;
  state.directAccessCalls += 1;
  state.directAccessRequests.push(recorded);
  const pat = /^Bearer (.+)$/i.exec(recorded.headers["authorization"] ?? "")?.[1] ?? recorded.headers["private-token"];

  if (pat !== undefined && settings.expiredTokens.includes(pat)) {
    writeJson(response, 401, { error: "invalid_token", error_description: "Token has expired." });
    return;
  }
  if (pat !== undefined && settings.tokensWithoutApiScope.includes(pat)) {
    writeJson(response, 403, {
      error: "insufficient_scope",
      error_description: "The request requires higher privileges than provided by the access token.",
      scope: "api",
    });
    return;
  }
  if (pat !== undefined && settings.tokensWithoutSeat.includes(pat)) {
    writeJson(response, 403, { message: "403 Forbidden" });
    return;
  }
  if (pat !== undefined && settings.tokensWithDuoDisabled.includes(pat)) {
    writeJson(response, 403, { message: "403 Forbidden - GitLab Duo features are disabled for this group" });
    return;
  }
  if (pat === undefined || !settings.validTokens.includes(pat)) {
    writeJson(response, 401, { message: "401 Unauthorized" });
    return;
  }

  const serial = state.issuedTokens.length + 1;
  const now = settings.now();
  const issued = {
    token: `duo-direct-access-${serial}`,
    headers: {
      "x-gitlab-instance-id": "ea8bf810-1d6f-4a6a-b4fd-93e8cbd8b57f",
      "x-gitlab-realm": "saas",
      "x-gitlab-host-name": options.instanceHost,
      "x-gitlab-global-user-id": "Rf9vVWXBnbIN7dpU2gBJFk9dMJqvdpaF2LwjsQ4spxo=",
      "x-gitlab-version": "18.6.0",
      "x-gitlab-feature-enabled-by-namespace-ids": "9970",
    },
    expiresAt: now + settings.tokenLifeSeconds * 1000,
    revoked: false,
  };
  state.issuedTokens.push(issued);
  const body: Record<string, unknown> = { token: issued.token, headers: issued.headers };
  if (settings.reportExpiry) body["expires_at"] = Math.floor(issued.expiresAt / 1000);
  writeJson(response, 201, body);
}
