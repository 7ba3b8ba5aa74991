import { afterEach, describe, expect, it } from "vitest";
import { openUsageStore } from "../store/open-usage-store.js";
import { testEngines } from "../store/testing/test-engines.js";
import { createLogger } from "../lib/logger.js";
import type { Kysely } from "kysely";
import { keyJson, keyLine } from "./key-json.js";
import { KeyService } from "./key-service.js";
import { createMemoryKeyStore } from "./memory-key-store.js";
import { mcpGrantAllows, parseMcpGrants } from "./mcp-grants.js";
import { KeyInputError } from "./parse-limits.js";
import { createSqlKeyStore, type KeysDatabase } from "./sql-key-store.js";

describe("MCP grants", () => {
  it("reads server, server/tool and * entries, and says what a grant reaches", () => {
    const grants = parseMcpGrants("mcp", " memory, filesystem/read_file ,filesystem/list_directory,memory");
    expect(grants).toEqual(["memory", "filesystem/read_file", "filesystem/list_directory"]);
    expect(mcpGrantAllows(grants, "memory")).toBe(true);
    expect(mcpGrantAllows(grants, "memory", "read_graph")).toBe(true);
    expect(mcpGrantAllows(grants, "filesystem")).toBe(true);
    expect(mcpGrantAllows(grants, "filesystem", "read_file")).toBe(true);
    expect(mcpGrantAllows(grants, "filesystem", "write_file")).toBe(false);
    expect(mcpGrantAllows(grants, "everything")).toBe(false);
    expect(mcpGrantAllows(["*"], "anything", "at_all")).toBe(true);
    expect(mcpGrantAllows(undefined, "memory")).toBe(false);
    expect(parseMcpGrants("mcp", ["memory/*"])).toEqual(["memory"]);
  });

  it("names the field of a bad grant", () => {
    for (const [value, message] of [
      ["", /name at least one tool server/],
      ["mem ory", /letters, digits, _ and -/],
      ["a__b", /letters, digits, _ and -/],
      ["memory/", /name the tool after the slash/],
      [[1], /expected a list of tool servers/],
    ] as const) {
      expect(() => parseMcpGrants("mcp", value)).toThrow(KeyInputError);
      expect(() => parseMcpGrants("mcp", value)).toThrow(message);
    }
  });

  it("are set on create, changed and removed on update, and shown by list", async () => {
    const service = new KeyService(createMemoryKeyStore());
    const { key } = await service.create({ name: "agent", mcp: "memory,filesystem/read_file" });
    expect(key.mcp).toEqual(["memory", "filesystem/read_file"]);
    expect(keyJson(key)).toMatchObject({ mcp: ["memory", "filesystem/read_file"] });
    expect(keyLine(key, Date.now())).toContain("mcp=memory,filesystem/read_file");
    expect((await service.update(key.id, { mcp: ["*"] })).mcp).toEqual(["*"]);
    const removed = await service.update(key.id, { mcp: null });
    expect(removed.mcp).toBeUndefined();
    expect(keyJson(removed)).toMatchObject({ mcp: [] });
    const plain = await service.create({ name: "models only" });
    expect(keyJson(plain.key)).toMatchObject({ mcp: [] });
    await expect(service.create({ name: "x", mcp: "no good" })).rejects.toMatchObject({ field: "mcp" });
  });
});

describe.each(testEngines)("MCP grants in the key table ($name)", (engine) => {
  let cleanup: (() => Promise<void>) | undefined;
  afterEach(async () => cleanup?.());

  it("survive a round trip through the database (migration 0003-keys-mcp)", async () => {
    const created = await engine.create();
    cleanup = created.cleanup;
    const usage = await openUsageStore({ store: created.options, logger: createLogger({ level: "silent" }) });
    try {
      expect(usage.health()).toMatchObject({ up: true });
      const store = createSqlKeyStore(usage.db as unknown as Kysely<KeysDatabase>);
      const service = new KeyService(store);
      const granted = await service.create({ name: "granted", mcp: "memory,filesystem/read_file" });
      const none = await service.create({ name: "no grants" });
      expect((await store.get(granted.key.id))?.mcp).toEqual(["memory", "filesystem/read_file"]);
      expect((await store.get(none.key.id))?.mcp).toBeUndefined();
      await service.update(granted.key.id, { mcp: "none" });
      expect((await store.get(granted.key.id))?.mcp).toBeUndefined();
    } finally {
      await usage.close();
    }
  });
});
