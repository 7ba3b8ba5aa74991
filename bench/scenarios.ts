/** What the benchmark runs: which client API, which upstream API, which body, stream or not. */
import { claudeCodeBody, codexBody, smallChatBody, smallMessagesBody } from "./bodies.js";

export type Api = "openai-chat" | "anthropic-messages" | "openai-responses";

export interface Scenario {
  name: string;
  kind: "passthrough" | "translation";
  clientApi: Api;
  upstreamApi: Api;
  stream: boolean;
  /** Builds the body for a model name (each target routes by the model). */
  body: (model: string) => string;
}

export const clientPaths: Record<Api, string> = {
  "openai-chat": "/v1/chat/completions",
  "anthropic-messages": "/v1/messages",
  "openai-responses": "/v1/responses",
};

function both(
  base: Omit<Scenario, "stream" | "body" | "name">,
  label: string,
  body: (model: string, stream: boolean) => string,
): Scenario[] {
  return [false, true].map((stream) => ({
    ...base,
    stream,
    name: `${label}${stream ? " (stream)" : ""}`,
    body: (model: string) => body(model, stream),
  }));
}

export const scenarios: Scenario[] = [
  ...both(
    { kind: "passthrough", clientApi: "openai-chat", upstreamApi: "openai-chat" },
    "chat small → chat",
    smallChatBody,
  ),
  ...both(
    { kind: "passthrough", clientApi: "anthropic-messages", upstreamApi: "anthropic-messages" },
    "messages small → messages",
    smallMessagesBody,
  ),
  ...both(
    { kind: "passthrough", clientApi: "anthropic-messages", upstreamApi: "anthropic-messages" },
    "messages Claude Code 77 KB → messages",
    claudeCodeBody,
  ),
  ...both(
    { kind: "passthrough", clientApi: "openai-responses", upstreamApi: "openai-responses" },
    "responses Codex 39 KB → responses",
    codexBody,
  ),
  ...both(
    { kind: "translation", clientApi: "anthropic-messages", upstreamApi: "openai-chat" },
    "messages Claude Code 77 KB → chat",
    claudeCodeBody,
  ),
  ...both(
    { kind: "translation", clientApi: "openai-responses", upstreamApi: "openai-chat" },
    "responses Codex 39 KB → chat",
    codexBody,
  ),
  ...both(
    { kind: "translation", clientApi: "openai-responses", upstreamApi: "anthropic-messages" },
    "responses Codex 39 KB → messages",
    codexBody,
  ),
];

/** The scenarios whose name contains `only` (when given) and of `kind` (when given). */
export function selectScenarios(only: string | undefined, kind: string | undefined): Scenario[] {
  if (kind !== undefined && kind !== "passthrough" && kind !== "translation")
    throw new Error(`--kind must be passthrough or translation, not ${kind}`);
  return scenarios.filter(
    (scenario) =>
      (only === undefined || scenario.name.includes(only)) && (kind === undefined || scenario.kind === kind),
  );
}
