import { runConformance } from "./run-conformance.js";

// The official SDK for openai-chat against the gateway, for each upstream API.
runConformance({ clientApi: "openai-chat", upstreamApi: "anthropic-messages" });
runConformance({ clientApi: "openai-chat", upstreamApi: "openai-chat" });
runConformance({ clientApi: "openai-chat", upstreamApi: "openai-responses" });
