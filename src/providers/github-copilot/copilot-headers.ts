import { randomUUID } from "node:crypto";

/**
 * What every open Copilot client sends to identify itself as the VS Code chat extension; the
 * API refuses requests without an integration id. Kept in one place to bump versions together.
 */
export const copilotHeaderValues = {
  integrationId: "vscode-chat",
  editorVersion: "vscode/1.104.1",
  editorPluginVersion: "copilot-chat/0.31.0",
  userAgent: "GitHubCopilotChat/0.31.0",
  githubApiVersion: "2025-05-01",
  intent: "conversation-panel",
} as const;

/** Headers for GitHub's own API (`/copilot_internal/*`), which is called with the GitHub token. */
export function githubApiHeaders(githubToken: string): Record<string, string> {
  return {
    authorization: `token ${githubToken}`,
    accept: "application/json",
    "editor-version": copilotHeaderValues.editorVersion,
    "editor-plugin-version": copilotHeaderValues.editorPluginVersion,
    "user-agent": copilotHeaderValues.userAgent,
    "x-github-api-version": copilotHeaderValues.githubApiVersion,
  };
}

export interface CopilotHeadersOptions {
  copilotToken: string;
  initiator: "user" | "agent";
  hasImages: boolean;
  stream: boolean;
  /** Client headers worth keeping on the Anthropic Messages endpoint (`anthropic-beta`, `anthropic-version`). */
  forwardHeaders?: Record<string, string>;
}

/**
 * `anthropic-beta` entries Copilot's Anthropic endpoint refuses outright (reported by other Copilot
 * gateways against real Claude Code requests). Every other entry is kept: Copilot honours most
 * betas, and `context_management` in the body is refused ("Extra inputs are not permitted")
 * unless its beta comes along.
 */
export const copilotRefusedBetas: readonly string[] = ["advisor-tool-2026-03-01"];

function keptBetas(value: string): string {
  return value
    .split(",")
    .map((entry) => entry.trim())
    .filter((entry) => entry !== "" && !copilotRefusedBetas.includes(entry))
    .join(",");
}

export function buildCopilotHeaders(options: CopilotHeadersOptions): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(options.forwardHeaders ?? {})) {
    const lower = name.toLowerCase();
    if (!lower.startsWith("anthropic-")) continue;
    const kept = lower === "anthropic-beta" ? keptBetas(value) : value;
    if (kept !== "") headers[lower] = kept;
  }
  Object.assign(headers, {
    authorization: `Bearer ${options.copilotToken}`,
    "content-type": "application/json",
    accept: options.stream ? "text/event-stream" : "application/json",
    "copilot-integration-id": copilotHeaderValues.integrationId,
    "editor-version": copilotHeaderValues.editorVersion,
    "editor-plugin-version": copilotHeaderValues.editorPluginVersion,
    "user-agent": copilotHeaderValues.userAgent,
    "openai-intent": copilotHeaderValues.intent,
    "x-github-api-version": copilotHeaderValues.githubApiVersion,
    "x-request-id": randomUUID(),
    "x-initiator": options.initiator,
  });
  if (options.hasImages) headers["copilot-vision-request"] = "true";
  return headers;
}
