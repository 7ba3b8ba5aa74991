import { runConformance } from "./run-conformance.js";

// The official SDK for openai-chat against the gateway, for each upstream API.
runConformance({
  clientApi: "openai-chat",
  upstreamApi: "anthropic-messages",
  skip: [
    {
      reason:
        "KNOWN GAP: translated streams end without the usage chunk `stream_options.include_usage` asks for (the gateway does not pass includeUsage to the Chat stream encoder)",
      tests: ["usage numbers (input, output, cached)"],
      streamingOnly: true,
    },
  ],
});
runConformance({ clientApi: "openai-chat", upstreamApi: "openai-chat" });
runConformance({
  clientApi: "openai-chat",
  upstreamApi: "openai-responses",
  skip: [
    {
      reason:
        "KNOWN GAP: translated streams end without the usage chunk `stream_options.include_usage` asks for (the gateway does not pass includeUsage to the Chat stream encoder)",
      tests: ["usage numbers (input, output, cached)"],
      streamingOnly: true,
    },
  ],
});
