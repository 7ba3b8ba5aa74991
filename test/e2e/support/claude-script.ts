import type { UpstreamScript } from "../../conformance/support/case-context.js";

export const claudeCallId = "toolu_e2e_write_1";

/**
 * First request: ask for the Write tool with an absolute path. The request that carries its
 * tool_result: a final answer. Requests without tools (side requests) get a short text.
 */
export function claudeScript(filePath: string, content: string): UpstreamScript {
  return (view) => {
    if (view.toolResults.some((result) => result.callId === claudeCallId)) return { text: "Created hello.txt." };
    if (!view.toolNames.includes("Write")) return { text: "ok" };
    return { toolCalls: [{ id: claudeCallId, name: "Write", arguments: { file_path: filePath, content } }] };
  };
}
