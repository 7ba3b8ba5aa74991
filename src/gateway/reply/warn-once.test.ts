import { Writable } from "node:stream";
import { describe, expect, it } from "vitest";
import { createLogger } from "../../lib/logger.js";
import { createWarnOnce } from "./warn-once.js";

function capture(level: string) {
  const lines: Array<{ level: number; msg: string; requestId: string }> = [];
  const destination = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(JSON.parse(chunk.toString("utf8")) as { level: number; msg: string; requestId: string });
      done();
    },
  });
  return { lines, logger: createLogger({ level, destination }) };
}

const cacheControl = [{ type: "unsupported" as const, feature: "cache_control" }];

describe("createWarnOnce", () => {
  it("warns once per route and feature set, then only at debug", () => {
    const { lines, logger } = capture("debug");
    const warnOnce = createWarnOnce(logger);
    const entry = { clientApi: "anthropic-messages", provider: "chat", upstreamModel: "gpt-5", warnings: cacheControl };
    warnOnce({ ...entry, requestId: "r1" });
    warnOnce({ ...entry, requestId: "r2" });
    warnOnce({ ...entry, provider: "other", requestId: "r3" });
    expect(lines.map((line) => [line.requestId, line.level])).toEqual([
      ["r1", 40],
      ["r2", 20],
      ["r3", 40],
    ]);
  });

  it("writes nothing for repeats at the default info level", () => {
    const { lines, logger } = capture("info");
    const warnOnce = createWarnOnce(logger);
    for (let index = 0; index < 5; index++)
      warnOnce({ clientApi: "openai-responses", provider: "a", requestId: `r${index}`, warnings: cacheControl });
    expect(lines).toHaveLength(1);
    expect(lines[0]?.msg).toContain("features dropped or approximated");
  });
});
