import { runConformance } from "./run-conformance.js";

// The official SDK for anthropic-messages against the gateway, for each upstream API.
runConformance({ clientApi: "anthropic-messages", upstreamApi: "anthropic-messages" });
runConformance({ clientApi: "anthropic-messages", upstreamApi: "openai-chat" });
runConformance({ clientApi: "anthropic-messages", upstreamApi: "openai-responses" });
