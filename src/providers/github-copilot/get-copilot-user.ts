import type { UpstreamTimeouts } from "../provider.js";
import { githubApiHeaders } from "./copilot-headers.js";
import { joinUrl, readJsonBody, type SendFunction } from "../../upstream/index.js";
import { numberField, recordField, stringField } from "./json-fields.js";

export interface QuotaSnapshot {
  entitlement: number | undefined;
  remaining: number | undefined;
  percentRemaining: number | undefined;
  unlimited: boolean;
  overagePermitted: boolean;
}

export interface CopilotUser {
  /** The GitHub account name (`login`). */
  account: string | undefined;
  plan: string | undefined;
  quotaResetDate: string | undefined;
  premiumRequests: QuotaSnapshot | undefined;
  chat: QuotaSnapshot | undefined;
}

/** Plan and quota of the signed-in account (`GET /copilot_internal/user`). */
export async function getCopilotUser(options: {
  githubApiUrl: string;
  githubToken: string;
  send: SendFunction;
  timeouts: UpstreamTimeouts;
}): Promise<CopilotUser> {
  const response = await options.send({
    provider: "github",
    url: joinUrl(options.githubApiUrl, "/copilot_internal/user"),
    method: "GET",
    headers: githubApiHeaders(options.githubToken),
    timeouts: options.timeouts,
    secrets: [options.githubToken],
  });
  const document = await readJsonBody(response.body);
  const snapshots = recordField(document, "quota_snapshots");
  return {
    account: stringField(document, "login"),
    plan: stringField(document, "copilot_plan") ?? stringField(document, "access_type_sku"),
    quotaResetDate: stringField(document, "quota_reset_date"),
    premiumRequests: readSnapshot(recordField(snapshots, "premium_interactions")),
    chat: readSnapshot(recordField(snapshots, "chat")),
  };
}

function readSnapshot(snapshot: Record<string, unknown> | undefined): QuotaSnapshot | undefined {
  if (snapshot === undefined) return undefined;
  return {
    entitlement: numberField(snapshot, "entitlement"),
    remaining: numberField(snapshot, "remaining"),
    percentRemaining: numberField(snapshot, "percent_remaining"),
    unlimited: snapshot["unlimited"] === true,
    overagePermitted: snapshot["overage_permitted"] === true,
  };
}
