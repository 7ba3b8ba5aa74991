import type { Client } from "@modelcontextprotocol/sdk/client/index.js";
import type { ServerConnection } from "./server-connection.js";

type Capability = "tools" | "resources" | "prompts";

/** Whether the server said it offers a feature; a server that did not is not asked about it. */
export function serverOffers(connection: ServerConnection, capability: Capability): Promise<boolean> {
  return connection.use(async (client) => client.getServerCapabilities()?.[capability] !== undefined);
}

/** Follows `nextCursor` to the end; the gateway answers its clients with one full page. */
export async function listAllPages<T>(
  connection: ServerConnection,
  listPage: (client: Client, cursor: string | undefined) => Promise<{ items: T[]; nextCursor?: string | undefined }>,
): Promise<T[]> {
  return connection.use(async (client) => {
    const items: T[] = [];
    let cursor: string | undefined;
    do {
      const page = await listPage(client, cursor);
      items.push(...page.items);
      cursor = page.nextCursor;
    } while (cursor !== undefined);
    return items;
  });
}
