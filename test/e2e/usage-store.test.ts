import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { showUsage } from "../../src/cli/commands/usage.js";
import { createSilentLogger } from "../../src/lib/logger.js";
import { openUsageStore } from "../../src/store/open-usage-store.js";
import { baseStoreOptions } from "../../src/store/testing/test-engines.js";
import { gatewayKey } from "../conformance/support/gateway-config.js";
import { claudeScript } from "./support/claude-script.js";
import { codexScript } from "./support/codex-script.js";
import { runClaude } from "./support/run-claude.js";
import { runCodex } from "./support/run-codex.js";
import { startE2eStack } from "./support/start-e2e-stack.js";

describe("switchboard usage after Claude Code and Codex ran through the gateway", () => {
  it("counts each client's requests and sessions from the store in the data folder", async () => {
    const home = await mkdtemp(join(tmpdir(), "switchboard-e2e-usage-"));
    const env = { HOME: home, XDG_DATA_HOME: join(home, "data") };
    const usageStore = await openUsageStore({
      store: baseStoreOptions({ path: join(home, "data", "switchboard", "usage.sqlite") }),
      logger: createSilentLogger(),
    });
    const e2e = await startE2eStack("openai-responses", { usageStore });
    try {
      e2e.stack.setScript(claudeScript(join(e2e.workdir, "hello.txt"), "hi"));
      const claude = await runClaude({
        baseUrl: e2e.proxy.url,
        apiKey: gatewayKey,
        prompt: "Create a file named hello.txt containing hi",
        cwd: e2e.workdir,
      });
      expect(claude.exitCode, claude.stderr.slice(-2000)).toBe(0);
      e2e.stack.setScript(codexScript("made-by-codex.txt", "hi", []));
      const codex = await runCodex({
        baseUrl: e2e.proxy.url,
        apiKey: gatewayKey,
        prompt: "Create a file named made-by-codex.txt containing hi",
        cwd: e2e.workdir,
        model: "gpt-5.1-codex",
        setup: "custom-provider",
      });
      expect(codex.exitCode, codex.stderr.slice(-2000)).toBe(0);
      await usageStore.flush();

      const byClient: string[] = [];
      await showUsage({ week: true, by: "client" }, (line) => byClient.push(line), { env, cwd: home });
      const bySession: string[] = [];
      await showUsage({ week: true, by: "session" }, (line) => bySession.push(line), { env, cwd: home });
      // The closing note quotes these tables.
      console.log([...byClient, "", ...bySession].join("\n"));
      const clientTable = byClient.join("\n");
      expect(clientTable).toMatch(/claude-code\s+[2-9]\d*\s/);
      expect(clientTable).toMatch(/codex\s+[2-9]\d*\s/);
      // Title, header, rule, one line per session, rule, total.
      const sessions = bySession
        .join("\n")
        .split("\n")
        .slice(3, -2)
        .filter((line) => !line.startsWith("(none)"));
      expect(sessions.length, bySession.join("\n")).toBeGreaterThanOrEqual(2);
    } finally {
      await e2e.close();
      await rm(home, { recursive: true, force: true });
    }
  });
});
