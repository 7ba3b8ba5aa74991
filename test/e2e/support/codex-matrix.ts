import type { WireApi } from "../../../src/protocols/wire-api.js";
import type { CodexSetup } from "./run-codex.js";

export interface CodexCase {
  upstreamApi: WireApi;
  setup: CodexSetup;
  /** The model name Codex is given; it shapes the tools Codex sends (real-clients.md). */
  model: string;
}

export const codexUpstreams: WireApi[] = ["openai-responses", "openai-chat", "anthropic-messages"];
export const codexSetups: CodexSetup[] = ["custom-provider", "builtin-provider"];
export const codexModels = ["gpt-6.1-sol", "gpt-5.5", "gpt-5.1-codex"];

/**
 * The default rows cover every upstream API, both setups and every model name at least once;
 * `E2E_FULL=1` runs the whole product.
 */
export function codexMatrix(full: boolean): CodexCase[] {
  if (full) {
    return codexUpstreams.flatMap((upstreamApi) =>
      codexSetups.flatMap((setup) => codexModels.map((model) => ({ upstreamApi, setup, model }))),
    );
  }
  return [
    { upstreamApi: "openai-responses", setup: "custom-provider", model: "gpt-6.1-sol" },
    { upstreamApi: "openai-responses", setup: "builtin-provider", model: "gpt-5.5" },
    { upstreamApi: "openai-chat", setup: "custom-provider", model: "gpt-5.1-codex" },
    { upstreamApi: "openai-chat", setup: "builtin-provider", model: "gpt-6.1-sol" },
    { upstreamApi: "anthropic-messages", setup: "custom-provider", model: "gpt-6.1-sol" },
    { upstreamApi: "anthropic-messages", setup: "builtin-provider", model: "gpt-5.5" },
  ];
}
