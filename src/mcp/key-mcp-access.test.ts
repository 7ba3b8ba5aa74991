import { describe, expect, it, vi } from "vitest";
import { createKeyAuthenticator } from "../keys/key-authenticator.js";
import { KeyService } from "../keys/key-service.js";
import { createMemoryKeyStore } from "../keys/memory-key-store.js";
import { createLogger } from "../lib/logger.js";
import { createMemoryLimitEngine } from "../limits/memory-limit-engine.js";
import { createRequestAccess } from "../limits/request-access.js";
import { createKeyMcpAccess } from "./key-mcp-access.js";

function setup() {
  const store = createMemoryKeyStore();
  const authenticator = createKeyAuthenticator({ store, masterKey: "the-master" });
  const keys = new KeyService(store, { onChange: (keyId) => authenticator.invalidate(keyId) });
  const access = createRequestAccess({ engine: createMemoryLimitEngine(), logger: createLogger({ level: "silent" }) });
  return { keys, mcp: createKeyMcpAccess({ authenticator, access }) };
}

describe("MCP access from virtual keys", () => {
  it("gives the master key every server, a key its grants, and a key without --mcp none", async () => {
    const { keys, mcp } = setup();
    const master = await mcp.authenticate("the-master");
    expect(master.keyId).toBe("master");
    expect(master.mayUseTool("anything", "at_all")).toBe(true);
    const granted = await keys.create({ name: "granted", mcp: "memory,filesystem/read_file" });
    const principal = await mcp.authenticate(granted.secret);
    expect(principal.keyId).toBe(granted.key.id);
    expect(principal.mayUseTool("memory", "create_entities")).toBe(true);
    expect(principal.mayUseServer("filesystem")).toBe(true);
    expect(principal.mayUseTool("filesystem", "read_file")).toBe(true);
    expect(principal.mayUseTool("filesystem", "write_file")).toBe(false);
    expect(principal.describeGrants()).toBe("memory, filesystem/read_file");
    const plain = await mcp.authenticate((await keys.create({ name: "models only" })).secret);
    expect(plain.mayUseServer("memory")).toBe(false);
    expect(plain.describeGrants()).toBe("no tool server (it has no --mcp grant)");
    expect(plain.hasNoGrants).toBe(true);
    expect(principal.hasNoGrants).toBe(false);
  });

  it("refuses the admin key with 403 saying it may not act through tool servers", async () => {
    const store = createMemoryKeyStore();
    const authenticator = createKeyAuthenticator({ store, masterKey: "the-master", adminKey: "the-admin" });
    const access = createRequestAccess({
      engine: createMemoryLimitEngine(),
      logger: createLogger({ level: "silent" }),
    });
    const refused = await createKeyMcpAccess({ authenticator, access })
      .authenticate("the-admin")
      .then(
        () => undefined,
        (error: unknown) => error as { status: number; message: string },
      );
    expect(refused?.status).toBe(403);
    expect(refused?.message).toContain("may not act through tool servers");
    expect(refused?.message).not.toContain("models");
  });

  it("refuses a call over max_parallel with 429 until one is released, then a revoked key with 401", async () => {
    const { keys, mcp } = setup();
    // Its model list does not apply to tool calls.
    const { key, secret } = await keys.create({ name: "one at a time", mcp: "*", max_parallel: 1, models: "sonnet" });
    const principal = await mcp.authenticate(secret);
    const release = await principal.admitCall({ server: "memory", tool: "read_graph", callId: "a" });
    await expect(principal.admitCall({ server: "memory", tool: "read_graph", callId: "b" })).rejects.toMatchObject({
      status: 429,
      param: "max_parallel",
      headers: { "retry-after-ms": expect.any(String) },
    });
    release();
    // Settling is asynchronous in the engine; the next call is admitted once it is done.
    const again = await vi.waitFor(() => principal.admitCall({ server: "memory", tool: "read_graph", callId: "c" }));
    again();
    await keys.revoke(key.id);
    await expect(mcp.authenticate(secret)).rejects.toMatchObject({
      status: 401,
      message: expect.stringContaining("revoked"),
    });
    await expect(mcp.authenticate("sk-wrong")).rejects.toMatchObject({ status: 401 });
  });
});
