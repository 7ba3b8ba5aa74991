import { setValidatedHandler } from "./set-validated-handler.js";
import type { Server } from "@modelcontextprotocol/sdk/server/index.js";
import {
  ErrorCode,
  GetPromptRequestSchema,
  ListPromptsRequestSchema,
  type Prompt,
} from "@modelcontextprotocol/sdk/types.js";
import { listAllPages, serverOffers } from "./list-all-pages.js";
import { mcpError, passUpstreamError, refusedError } from "./mcp-errors.js";
import { nameSeparator, publicName, usableConnections, type SessionScope } from "./tool-catalog.js";

/** Prompts are named like tools: `<server>__<prompt>` on `/mcp`, as they are on `/mcp/<server>`. */
export function registerPromptHandlers(server: Server, scope: SessionScope): void {
  setValidatedHandler(server, ListPromptsRequestSchema, async () => {
    const lists = await Promise.all(
      usableConnections(scope).map(async (connection) => {
        try {
          if (!(await serverOffers(connection, "prompts"))) return [];
          const prompts = await listAllPages<Prompt>(connection, async (client, cursor) => {
            const page = await client.listPrompts(cursor === undefined ? {} : { cursor });
            return { items: page.prompts, nextCursor: page.nextCursor };
          });
          return prompts.map((prompt) => ({ ...prompt, name: publicName(scope, connection.name, prompt.name) }));
        } catch (error) {
          scope.logger.warn({ mcpServer: connection.name, err: error }, "mcp server left out of prompts/list");
          return [];
        }
      }),
    );
    return { prompts: lists.flat() };
  });

  setValidatedHandler(server, GetPromptRequestSchema, async (request, extra) => {
    const name = request.params.name;
    const at = scope.prefixed ? name.indexOf(nameSeparator) : -1;
    const connection = scope.prefixed
      ? scope.connections.find((candidate) => at > 0 && candidate.name === name.slice(0, at))
      : scope.connections[0];
    if (connection === undefined) throw mcpError(ErrorCode.InvalidParams, `Unknown prompt: ${name}`);
    if (!scope.principal.mayUseServer(connection.name)) {
      throw refusedError(`The MCP server "${connection.name}" (prompt ${name})`, scope.principal);
    }
    const promptName = scope.prefixed ? name.slice(at + nameSeparator.length) : name;
    try {
      return await connection.use((client) =>
        client.getPrompt({ ...request.params, name: promptName }, { signal: extra.signal }),
      );
    } catch (error) {
      throw passUpstreamError(connection.name, error);
    }
  });
}
