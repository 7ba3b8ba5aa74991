import { setValidatedHandler } from "./set-validated-handler.js";
import type { Server } from "@modelcontextprotocol/sdk/server/index.js";
import { UriTemplate } from "@modelcontextprotocol/sdk/shared/uriTemplate.js";
import {
  ListResourcesRequestSchema,
  ListResourceTemplatesRequestSchema,
  ReadResourceRequestSchema,
  type Resource,
  type ResourceTemplate,
} from "@modelcontextprotocol/sdk/types.js";
import { listAllPages, serverOffers } from "./list-all-pages.js";
import { mcpError, passUpstreamError, resourceNotFoundCode } from "./mcp-errors.js";
import type { ServerConnection } from "./server-connection.js";
import { publicName, usableConnections, type SessionScope } from "./tool-catalog.js";

/**
 * Resources keep their URIs (they are addresses a client may show or pass back), and their names
 * are prefixed like tools. A read goes to the server that listed the URI, else to the one whose
 * URI template matches it.
 */
export function registerResourceHandlers(server: Server, scope: SessionScope): void {
  const owners = new Map<string, ServerConnection>();

  async function eachOffering<T>(work: (connection: ServerConnection) => Promise<T[]>): Promise<T[]> {
    const lists = await Promise.all(
      usableConnections(scope).map(async (connection) => {
        try {
          return (await serverOffers(connection, "resources")) ? await work(connection) : [];
        } catch (error) {
          scope.logger.warn({ mcpServer: connection.name, err: error }, "mcp server left out of a resource listing");
          return [];
        }
      }),
    );
    return lists.flat();
  }

  setValidatedHandler(server, ListResourcesRequestSchema, async () => ({
    resources: await eachOffering(async (connection) => {
      const resources = await listAllPages<Resource>(connection, async (client, cursor) => {
        const page = await client.listResources(cursor === undefined ? {} : { cursor });
        return { items: page.resources, nextCursor: page.nextCursor };
      });
      for (const resource of resources) owners.set(resource.uri, connection);
      return resources.map((resource) => ({ ...resource, name: publicName(scope, connection.name, resource.name) }));
    }),
  }));

  const templatesOf = (connection: ServerConnection) =>
    listAllPages<ResourceTemplate>(connection, async (client, cursor) => {
      const page = await client.listResourceTemplates(cursor === undefined ? {} : { cursor });
      return { items: page.resourceTemplates, nextCursor: page.nextCursor };
    });

  setValidatedHandler(server, ListResourceTemplatesRequestSchema, async () => ({
    resourceTemplates: await eachOffering(async (connection) =>
      (await templatesOf(connection)).map((template) => ({
        ...template,
        name: publicName(scope, connection.name, template.name),
      })),
    ),
  }));

  async function ownerOf(uri: string): Promise<ServerConnection | undefined> {
    const known = owners.get(uri);
    if (known !== undefined && scope.principal.mayUseServer(known.name)) return known;
    if (!scope.prefixed) return scope.connections[0];
    const matching = await eachOffering(async (connection) =>
      (await templatesOf(connection)).some((template) => new UriTemplate(template.uriTemplate).match(uri) !== null)
        ? [connection]
        : [],
    );
    return matching[0];
  }

  setValidatedHandler(server, ReadResourceRequestSchema, async (request, extra) => {
    const owner = await ownerOf(request.params.uri);
    if (owner === undefined) {
      throw mcpError(resourceNotFoundCode, `Resource not found: ${request.params.uri}`, {
        uri: request.params.uri,
      });
    }
    try {
      return await owner.use((client) => client.readResource(request.params, { signal: extra.signal }));
    } catch (error) {
      throw passUpstreamError(owner.name, error);
    }
  });
}
