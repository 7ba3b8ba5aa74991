import { runConformance, type SkipEntry } from "./run-conformance.js";

/**
 * Known gateway defect: the Responses decoder keeps every top-level field the IR does not model in
 * one extension entry, `fields`, and the gateway's cross-protocol warning names extension keys. So
 * a dropped `context_management` is reported as `fields` (dropped, but not named), and so is the
 * `store: false` every Codex and SDK request carries, which nothing needs to be told about.
 */
const unnamedResponsesFields: SkipEntry = {
  reason: "known defect: the warning says `fields`, not the field's name (src/gateway/cross-protocol-warnings.ts)",
  tests: [
    "context_management: kept for the same API, otherwise dropped with a warning",
    "a request with nothing to drop carries no warnings",
  ],
};

// The official SDK for openai-responses against the gateway, for each upstream API.
runConformance({ clientApi: "openai-responses", upstreamApi: "anthropic-messages", skip: [unnamedResponsesFields] });
runConformance({ clientApi: "openai-responses", upstreamApi: "openai-chat", skip: [unnamedResponsesFields] });
runConformance({ clientApi: "openai-responses", upstreamApi: "openai-responses" });
