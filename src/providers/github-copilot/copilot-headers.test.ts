import { describe, expect, it } from "vitest";
import { buildCopilotHeaders } from "./copilot-headers.js";

describe("buildCopilotHeaders", () => {
  it("forwards the client's anthropic-beta list without the entries Copilot refuses", () => {
    const headers = buildCopilotHeaders({
      copilotToken: "tid=1",
      initiator: "user",
      hasImages: false,
      stream: true,
      forwardHeaders: {
        "Anthropic-Beta": "claude-code-20250219, advisor-tool-2026-03-01,context-management-2025-06-27",
        "anthropic-version": "2023-06-01",
        "x-api-key": "sk-gateway",
      },
    });
    expect(headers["anthropic-beta"]).toBe("claude-code-20250219,context-management-2025-06-27");
    expect(headers["anthropic-version"]).toBe("2023-06-01");
    expect(headers["x-api-key"]).toBeUndefined();
    expect(headers["authorization"]).toBe("Bearer tid=1");
  });

  it("drops anthropic-beta when only refused entries remain", () => {
    const headers = buildCopilotHeaders({
      copilotToken: "tid=1",
      initiator: "agent",
      hasImages: true,
      stream: false,
      forwardHeaders: { "anthropic-beta": "advisor-tool-2026-03-01" },
    });
    expect(headers["anthropic-beta"]).toBeUndefined();
    expect(headers["copilot-vision-request"]).toBe("true");
    expect(headers["x-initiator"]).toBe("agent");
  });
});
