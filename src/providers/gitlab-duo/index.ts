import type { ProviderType } from "../provider.js";
import { createGitlabDuoProvider } from "./create-gitlab-duo-provider.js";

export { createGitlabDuoProvider } from "./create-gitlab-duo-provider.js";
export { defaultDuoModels } from "./models.js";

/**
 * With `GITLAB_TOKEN` set and no config file, Switchboard serves the Duo models as provider `duo`,
 * as the standalone Duo proxy did. The token stays a `${GITLAB_TOKEN}` reference, never a copy.
 */
export const gitlabDuoProviderType: ProviderType = {
  create: (id, config, context) => createGitlabDuoProvider(id, config, context),
  defaultId: "duo",
  detect: async (env) => {
    if (!env["GITLAB_TOKEN"]) return undefined;
    const entry: Record<string, unknown> = { type: "gitlab-duo", token: "${GITLAB_TOKEN}" };
    if (env["GITLAB_INSTANCE_URL"]) entry["instance_url"] = "${GITLAB_INSTANCE_URL}";
    if (env["GITLAB_AI_GATEWAY_URL"]) entry["gateway_url"] = "${GITLAB_AI_GATEWAY_URL}";
    return entry;
  },
};
