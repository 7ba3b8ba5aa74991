import type { ProviderType } from "../provider.js";
import { GithubCopilotProvider } from "./copilot-provider.js";
import { detectCopilot } from "./detect-copilot.js";

export { GithubCopilotProvider, copilotCostHeader, type CopilotProviderDependencies } from "./copilot-provider.js";
export { runDeviceFlow, type DeviceCode, type DeviceFlowCallbacks } from "./run-device-flow.js";
export { findGithubToken, describeTokenSource, type FoundGithubToken } from "./find-github-token.js";
export {
  saveGithubToken,
  deleteSavedGithubToken,
  prepareTokenFolder,
  savedGithubTokenPath,
} from "./saved-github-token.js";
export { getCopilotToken } from "./get-copilot-token.js";
export { getCopilotUser, type CopilotUser } from "./get-copilot-user.js";
export {
  copilotConfigSchema,
  individualCopilotApiUrl,
  resolveCopilotSettings,
  type CopilotSettings,
} from "./config.js";
export type { SendFunction } from "../../upstream/index.js";

export const githubCopilotProviderType: ProviderType = {
  create: (id, config, context) => new GithubCopilotProvider(id, config, context),
  defaultId: "copilot",
  detect: detectCopilot,
};
