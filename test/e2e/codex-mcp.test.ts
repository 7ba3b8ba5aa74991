import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, it } from "vitest";
import { gatewayKey } from "../conformance/support/gateway-config.js";
import { referenceMcpServers } from "./support/mcp-servers.js";
import { runCodex } from "./support/run-codex.js";
import { headerOf, startE2eStack } from "./support/start-e2e-stack.js";

const readCall = "call_codex_mcp_read_1";

describe("Codex 0.169.0 uses Switchboard as an MCP server", () => {
  it("calls the filesystem server's read_file through [mcp_servers.switchboard]", async ({ expect }) => {
    const e2e = await startE2eStack("openai-chat", {
      mcpServers: referenceMcpServers({ memoryFile: "/dev/null", folder: "/tmp" }),
    });
    try {
      // The filesystem server may read only the e2e working directory (it is under /tmp).
      const notes = join(e2e.workdir, "notes.txt");
      await writeFile(notes, "codex read this through switchboard\n");
      const declared: string[] = [];
      let readTool: string | undefined;
      e2e.stack.setScript((view) => {
        const result = view.toolResults.find((item) => item.callId === readCall);
        if (result !== undefined) return { text: `The file says: ${result.output}` };
        declared.splice(
          0,
          declared.length,
          ...view.toolDeclarations.map((tool) => `${tool.namespace ?? ""}/${tool.name}`),
        );
        const tool = view.toolDeclarations.find((item) => /filesystem__read_file$/.test(item.name));
        if (tool === undefined) return { text: "no MCP tool offered" };
        // Codex groups MCP tools in a namespace (`mcp__switchboard`); toward a Chat upstream the gateway
        // lowers it to plain functions and gives the call back to Codex under the namespace.
        readTool = tool.name;
        return { toolCalls: [{ id: readCall, name: readTool, arguments: { path: notes } }] };
      });
      const run = await runCodex({
        baseUrl: e2e.proxy.url,
        apiKey: gatewayKey,
        prompt: "Read notes.txt with the filesystem tool and tell me what it says.",
        cwd: e2e.workdir,
        model: "gpt-5.1-codex",
        setup: "custom-provider",
        extraConfig: [
          "[mcp_servers.switchboard]",
          `url = ${JSON.stringify(`${e2e.proxy.url}/mcp`)}`,
          `bearer_token_env_var = "SWITCHBOARD_MCP_KEY"`,
          // Codex (since 0.147) gives optional MCP servers about a second before a turn goes without their tools.
          "required = true",
        ],
        extraEnv: { SWITCHBOARD_MCP_KEY: gatewayKey },
      });
      const observed = await e2e.saveObservations("codex-mcp");
      const context = `exit ${run.exitCode}; tool ${readTool}; declared ${declared.join(", ")}; observations in ${observed}\nstdout: ${run.stdout.slice(-1500)}\nstderr: ${run.stderr.slice(-2500)}`;

      expect(run.exitCode, context).toBe(0);
      expect(readTool, context).toBeDefined();
      const generations = e2e.stack.generationCalls();
      const views = generations.map((call) => call.body);
      expect(JSON.stringify(views.at(-1)), context).toContain("codex read this through switchboard");
      expect(run.stdout, context).toContain("codex read this through switchboard");
      const mcpRequests = e2e.proxy.requests.filter((request) => request.path.startsWith("/mcp"));
      expect(mcpRequests.length, context).toBeGreaterThanOrEqual(3);
      for (const request of mcpRequests)
        expect(headerOf(request.headers, "authorization")).toBe(`Bearer ${gatewayKey}`);
    } finally {
      await e2e.close();
    }
  });
});
