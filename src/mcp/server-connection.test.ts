import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { resolveMcpConfig } from "../config/mcp-schema.js";
import { createLogger } from "../lib/logger.js";
import { ServerConnection } from "./server-connection.js";

const memoryServer = resolve("node_modules/@modelcontextprotocol/server-memory/dist/index.js");
const logger = createLogger({ level: "silent" });
const open: ServerConnection[] = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((connection) => connection.close()));
});

async function memoryConnection(options: { idleStopMs: number; command?: string }): Promise<ServerConnection> {
  const folder = await mkdtemp(join(tmpdir(), "switchboard-connection-"));
  const [server] = resolveMcpConfig({
    mcp_servers: {
      memory: {
        command: options.command ?? process.execPath,
        args: [memoryServer],
        env: { MEMORY_FILE_PATH: join(folder, "m.jsonl") },
      },
    },
  }).servers;
  const connection = new ServerConnection({
    server: server!,
    logger,
    idleStopMs: options.idleStopMs,
    backoffBaseMs: 50,
  });
  open.push(connection);
  return connection;
}

describe("ServerConnection (a supervised stdio server)", () => {
  it("starts on the first use, stops when idle, and starts again on the next", async () => {
    const connection = await memoryConnection({ idleStopMs: 150 });
    expect(connection.state().state).toBe("stopped");
    expect((await connection.tools()).map((tool) => tool.name)).toContain("read_graph");
    expect(connection.state().state).toBe("running");
    await expect.poll(() => connection.state().state, { timeout: 3_000 }).toBe("stopped");
    await connection.use((client) => client.ping());
    expect(connection.state()).toMatchObject({ state: "running", restarts: 0, consecutiveFailures: 0 });
  });

  it("reports a server that cannot start, and backs off before trying again", async () => {
    const connection = await memoryConnection({ idleStopMs: 60_000, command: "/nonexistent/mcp-server" });
    // Timed from before the first try: the 50 ms backoff runs from the crash, which a loaded
    // machine may record well before the test reads the state.
    const started = Date.now();
    await expect(connection.tools()).rejects.toThrow();
    expect(connection.state()).toMatchObject({ state: "crashed", consecutiveFailures: 1 });
    expect(connection.state().lastError).toContain("could not start");
    await expect(connection.tools()).rejects.toThrow();
    expect(Date.now() - started).toBeGreaterThanOrEqual(50);
    expect(connection.state().consecutiveFailures).toBe(2);
  });
});
