import { runConformance } from "./run-conformance.js";

// The official SDK for openai-responses against the gateway, for each upstream API.
runConformance({ clientApi: "openai-responses", upstreamApi: "anthropic-messages" });
runConformance({ clientApi: "openai-responses", upstreamApi: "openai-chat" });
runConformance({ clientApi: "openai-responses", upstreamApi: "openai-responses" });
