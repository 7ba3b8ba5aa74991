import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { resolveMcpConfig } from "../config/mcp-schema.js";
import { createLogger } from "../lib/logger.js";
import { ServerRegistry } from "./server-registry.js";
import { processAlive } from "../../test/support/process-alive.js";

const memoryServer = resolve("node_modules/@modelcontextprotocol/server-memory/dist/index.js");
const logger = createLogger({ level: "silent" });
const open: ServerRegistry[] = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((registry) => registry.close()));
});

/** A memory server entry writing to its own file (`file` distinguishes two definitions). */
function memory(folder: string, file: string) {
  return { command: process.execPath, args: [memoryServer], env: { MEMORY_FILE_PATH: join(folder, file) } };
}

async function runningPid(registry: ServerRegistry, name: string): Promise<number> {
  await registry.get(name)!.tools();
  const pid = registry.get(name)!.state().pid;
  expect(pid).toBeTypeOf("number");
  return pid!;
}

describe("ServerRegistry.update (a config reload)", () => {
  it("stops removed and changed servers, keeps unchanged ones running, adds new ones", async () => {
    const folder = await mkdtemp(join(tmpdir(), "switchboard-registry-"));
    const registry = new ServerRegistry(
      resolveMcpConfig({
        mcp_servers: {
          kept: memory(folder, "kept.jsonl"),
          changed: memory(folder, "changed.jsonl"),
          dropped: memory(folder, "dropped.jsonl"),
        },
      }),
      logger,
    );
    open.push(registry);
    const keptConnection = registry.get("kept")!;
    const droppedConnection = registry.get("dropped")!;
    const keptPid = await runningPid(registry, "kept");
    const changedPid = await runningPid(registry, "changed");
    const droppedPid = await runningPid(registry, "dropped");

    const changes = await registry.update(
      resolveMcpConfig({
        mcp_servers: {
          kept: { ...memory(folder, "kept.jsonl"), disallowed_tools: ["delete_entities"] },
          changed: memory(folder, "changed-elsewhere.jsonl"),
          added: memory(folder, "added.jsonl"),
        },
      }),
    );

    expect(changes).toEqual({ added: ["added"], removed: ["dropped"], replaced: ["changed"], unchanged: ["kept"] });
    expect(registry.all().map((connection) => connection.name)).toEqual(["kept", "changed", "added"]);
    // Unchanged: the same process, with the new filters the gateway reads.
    expect(registry.get("kept")).toBe(keptConnection);
    expect(keptConnection.state()).toMatchObject({ state: "running", pid: keptPid });
    expect(keptConnection.server.disallowedTools).toEqual(["delete_entities"]);
    // Removed: its process has exited, the name is known as removed, and a holder cannot start it again.
    expect(registry.get("dropped")).toBeUndefined();
    expect(registry.wasRemoved("dropped")).toBe(true);
    await expect.poll(() => processAlive(droppedPid), { timeout: 5_000 }).toBe(false);
    await expect(droppedConnection.tools()).rejects.toThrow('The MCP server "dropped" is no longer configured.');
    expect(droppedConnection.state()).toMatchObject({ state: "stopped" });
    expect(droppedConnection.state().pid).toBeUndefined();
    // Changed: the old process has exited; the new definition starts on demand in a new one.
    await expect.poll(() => processAlive(changedPid), { timeout: 5_000 }).toBe(false);
    expect(registry.get("changed")!.state().state).toBe("stopped");
    const newChangedPid = await runningPid(registry, "changed");
    expect(newChangedPid).not.toBe(changedPid);
    // Added: not started until used, then serves.
    expect(registry.get("added")!.state().state).toBe("stopped");
    expect((await registry.get("added")!.tools()).map((tool) => tool.name)).toContain("read_graph");
    expect(processAlive(keptPid)).toBe(true);
  });

  it("forgets a removal when the server is configured again", async () => {
    const folder = await mkdtemp(join(tmpdir(), "switchboard-registry-"));
    const first = resolveMcpConfig({ mcp_servers: { memory: memory(folder, "m.jsonl") } });
    const registry = new ServerRegistry(first, logger);
    open.push(registry);
    await registry.update(resolveMcpConfig({ mcp_servers: {} }));
    expect(registry.wasRemoved("memory")).toBe(true);
    expect(registry.all()).toEqual([]);
    const changes = await registry.update(first);
    expect(changes.added).toEqual(["memory"]);
    expect(registry.wasRemoved("memory")).toBe(false);
    expect((await registry.get("memory")!.tools()).map((tool) => tool.name)).toContain("read_graph");
  });

  it("does not keep a server that a reload removes while it is starting", async () => {
    const folder = await mkdtemp(join(tmpdir(), "switchboard-registry-"));
    const registry = new ServerRegistry(resolveMcpConfig({ mcp_servers: { slow: memory(folder, "s.jsonl") } }), logger);
    open.push(registry);
    const connection = registry.get("slow")!;
    const starting = connection.tools();
    await registry.update(resolveMcpConfig({ mcp_servers: {} }));
    await expect(starting).rejects.toThrow("no longer configured");
    expect(connection.state().pid).toBeUndefined();
  });
});
