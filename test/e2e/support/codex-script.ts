import type { UpstreamScript } from "../../conformance/support/case-context.js";
import type { ScriptedReply } from "../../conformance/support/scripted-reply.js";
import type { UpstreamView } from "../../conformance/support/upstream-view.js";

export const codexCallId = "call_codex_e2e_1";

/** How the scripted upstream asked Codex to run the command, for the test's assertions. */
export type CodexToolChoice = "exec_command" | "shell" | "code-mode exec" | "lowered code-mode exec";

/**
 * Picks the tool Codex offered (which depends on the model name and on how the gateway lowered
 * tools for the upstream) and builds a call that writes `fileName` in the working directory.
 */
export function chooseCodexToolCall(
  view: UpstreamView,
  fileName: string,
  content: string,
): { choice: CodexToolChoice; reply: ScriptedReply } {
  const command = `printf '%s' '${content}' > ${fileName}`;
  const declared = (name: string, namespace?: string) =>
    view.toolDeclarations.find(
      (tool) => tool.name === name && (namespace === undefined || tool.namespace === namespace),
    );
  const call = (name: string, args: Record<string, unknown> | string, kind: "function" | "custom" = "function") => ({
    toolCalls: [{ id: codexCallId, name, arguments: args, kind }],
  });
  if (declared("exec_command")) return { choice: "exec_command", reply: call("exec_command", { cmd: command }) };
  if (declared("shell")) return { choice: "shell", reply: call("shell", { command: ["bash", "-lc", command] }) };
  const script = `await tools.exec_command({ cmd: ${JSON.stringify(command)} });`;
  const codeMode = declared("exec", "functions");
  if (codeMode?.type === "custom") return { choice: "code-mode exec", reply: call("exec", script, "custom") };
  // An upstream without freeform tools sees the namespaced custom tool as a plain function taking `{ input }`.
  const lowered = view.toolDeclarations.find(
    (tool) => /^functions\W*_*exec$/.test(tool.name) || tool.name === "functions__exec",
  );
  if (lowered) return { choice: "lowered code-mode exec", reply: call(lowered.name, { input: script }) };
  throw new Error(
    `No shell-like tool among: ${view.toolDeclarations.map((tool) => `${tool.namespace ?? ""}/${tool.name}`).join(", ")}`,
  );
}

/** First request: run the command. The request that carries its output: a final answer. */
export function codexScript(fileName: string, content: string, choices: CodexToolChoice[]): UpstreamScript {
  return (view) => {
    if (view.toolResults.some((result) => result.callId === codexCallId)) return { text: `Created ${fileName}.` };
    const { choice, reply } = chooseCodexToolCall(view, fileName, content);
    choices.push(choice);
    return reply;
  };
}
