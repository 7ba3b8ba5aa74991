import { execFile } from "node:child_process";
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { resolveConfig } from "../../src/config/index.js";
import { startServer } from "../../src/server/node.js";

const run = promisify(execFile);
const root = join(import.meta.dirname, "..", "..");

/** The JSON-array instruction of a Dockerfile line (`CMD [...]`, `HEALTHCHECK … CMD [...]`). */
function jsonArrayAfter(text: string, instruction: RegExp): string[] {
  const joined = text.replace(/\\\n\s*/g, " ");
  const line = joined.split("\n").find((entry) => instruction.test(entry));
  const start = line?.indexOf("[") ?? -1;
  return JSON.parse(line!.slice(start)) as string[];
}

// No Docker daemon here: these check what can be checked without one (docs/containers.md).
describe("Dockerfile and compose.yaml", () => {
  it("build in stages, run as a non-root user the same command the package test runs", async () => {
    const dockerfile = await readFile(join(root, "Dockerfile"), "utf8");
    expect(dockerfile.match(/^FROM /gm)).toHaveLength(2);
    expect(dockerfile).toMatch(/^USER node$/m);
    expect(jsonArrayAfter(dockerfile, /^CMD /)).toEqual(["switchboard", "start"]);
    expect(dockerfile).toMatch(/^VOLUME \["\/data"\]$/m);
  });

  it("has a HEALTHCHECK that passes against a running gateway and fails when nothing answers", async () => {
    const dockerfile = await readFile(join(root, "Dockerfile"), "utf8");
    const [command, ...args] = jsonArrayAfter(dockerfile, /^HEALTHCHECK /);
    expect(command).toBe("node");
    const gateway = await startServer({
      config: resolveConfig({ server: { log_level: "silent" } }, {}, { port: 0 }),
      port: 0,
    });
    try {
      await expect(run(process.execPath, args, { env: { PORT: String(gateway.port) } })).resolves.toBeDefined();
    } finally {
      await gateway.close();
    }
    await expect(run(process.execPath, args, { env: { PORT: String(gateway.port) } })).rejects.toMatchObject({
      code: 1,
    });
  });

  it("compose runs the gateway with PostgreSQL and Redis, waiting for both to be healthy", async () => {
    const compose = parse(await readFile(join(root, "compose.yaml"), "utf8")) as {
      services: Record<
        string,
        { healthcheck?: unknown; depends_on?: Record<string, { condition: string }>; volumes?: string[] }
      >;
    };
    expect(Object.keys(compose.services).sort()).toEqual(["postgres", "redis", "switchboard"]);
    expect(compose.services["switchboard"]?.depends_on).toEqual({
      postgres: { condition: "service_healthy" },
      redis: { condition: "service_healthy" },
    });
    expect(compose.services["postgres"]?.healthcheck).toBeDefined();
    expect(compose.services["redis"]?.healthcheck).toBeDefined();
    expect(compose.services["switchboard"]?.volumes).toContain("./switchboard.yaml:/config/switchboard/config.yaml:ro");
  });
});
