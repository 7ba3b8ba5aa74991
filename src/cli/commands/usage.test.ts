import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { createSilentLogger } from "../../lib/logger.js";
import { openUsageStore } from "../../store/open-usage-store.js";
import { sampleRecord } from "../../store/testing/sample-record.js";
import { baseStoreOptions } from "../../store/testing/test-engines.js";
import { showUsage, usagePeriod } from "./usage.js";

const folders: string[] = [];
afterEach(() => {
  for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true });
});

describe("switchboard usage", () => {
  it("prints a table per model from the store in the data folder, totals last", async () => {
    const home = mkdtempSync(join(tmpdir(), "switchboard-usage-cli-"));
    folders.push(home);
    const store = await openUsageStore({
      store: baseStoreOptions({ path: join(home, "data", "switchboard", "usage.sqlite") }),
      logger: createSilentLogger(),
    });
    store.record(sampleRecord());
    store.record(
      sampleRecord({ initiator: "agent", premiumSpent: 0, premiumSaved: 1, durationMs: 4000, cacheHit: "hit" }),
    );
    store.record(
      sampleRecord({
        upstreamModel: "gpt-5-mini",
        provider: "openai",
        client: "codex",
        status: 500,
        usage: undefined,
        premiumSpent: 0,
      }),
    );
    await store.close();

    const lines: string[] = [];
    await showUsage({ today: true }, (line) => lines.push(line), {
      env: { HOME: home, XDG_DATA_HOME: join(home, "data") },
      cwd: home,
    });
    const text = lines.join("\n");
    expect(lines[0]).toMatch(/^Usage today \(UTC\), by model/);
    expect(text).toMatch(
      /model\s+requests\s+input\s+output\s+cached\s+prompt cache hit\s+response cache hit\s+premium spent \/ saved\s+est\. cost\s+errors\s+p50\s+p95/,
    );
    expect(text).toMatch(
      /claude-sonnet-4\.5\s+2\s+2,000\s+400\s+1,200\s+60 %\s+100 %\s+1 \/ 1\s+\$0\.01\s+0\s+[\d,]+ ms\s+[\d,]+ ms/,
    );
    expect(text).toMatch(/gpt-5-mini\s+1\s+0\s+0\s+0\s+-\s+-\s+0 \/ 0\s+\$0\.00\s+1/);
    expect(text).toMatch(/total\s+3\s+2,000\s+400\s+1,200\s+60 %\s+\d+ %\s+1 \/ 1/);

    const byClient: string[] = [];
    await showUsage({ week: true, by: "client" }, (line) => byClient.push(line), {
      env: { HOME: home, XDG_DATA_HOME: join(home, "data") },
      cwd: home,
    });
    expect(byClient.join("\n")).toMatch(/claude-code\s+2[\s\S]*codex\s+1/);
  });

  it("refuses an unknown grouping and more than one period", async () => {
    await expect(showUsage({ by: "planet" }, () => undefined)).rejects.toThrow(/--by planet: expected one of model/);
    expect(() => usagePeriod({ today: true, week: true })).toThrow(/one of --today, --week or --month/);
  });
});
