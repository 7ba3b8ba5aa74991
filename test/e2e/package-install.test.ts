import { execFile, spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdir, mkdtemp, readdir, realpath, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startFakeUpstream } from "../fake-upstream/index.js";
import type { FakeUpstream } from "../fake-upstream/types.js";

const run = promisify(execFile);
const repositoryRoot = join(import.meta.dirname, "..", "..");
let fake: FakeUpstream;

beforeAll(async () => {
  fake = await startFakeUpstream({ apiKey: "sk-up", models: ["gpt-5.1"] });
});
afterAll(() => fake.close());

describe("the npm package", () => {
  it("packs, installs globally into a fresh prefix without dev dependencies, and serves from an empty folder", async () => {
    const work = await realpath(await mkdtemp(join(tmpdir(), "switchboard-package-")));
    // `npm pack` runs `prepare`, which builds dist/ from the sources.
    const packed = await run("npm", ["pack", "--json", "--pack-destination", work], {
      cwd: repositoryRoot,
      maxBuffer: 1 << 26,
    });
    const [manifest] = JSON.parse(packed.stdout.slice(packed.stdout.indexOf("["))) as Array<{
      filename: string;
      files: Array<{ path: string }>;
    }>;
    const paths = manifest!.files.map((file) => file.path);
    expect(paths).toContain("bin/switchboard.js");
    expect(paths).toContain("dist/cli/main.js");
    expect(paths.filter((path) => /^(src|test|bench|node_modules)\//.test(path) || path.endsWith(".test.js"))).toEqual(
      [],
    );

    // No internet here: dependencies come from npm's cache. npm 11 runs no dependency's install script
    // unless allowed; the one the package needs is better-sqlite3's native build (the usage store),
    // allowed here exactly as the README's install command allows it.
    const prefix = join(work, "prefix");
    await run(
      "npm",
      [
        "install",
        "-g",
        "--prefix",
        prefix,
        "--prefer-offline",
        "--allow-scripts=better-sqlite3",
        "--no-audit",
        "--no-fund",
        join(work, manifest!.filename),
      ],
      { cwd: work, maxBuffer: 1 << 26 },
    );
    const installed = join(prefix, "lib", "node_modules", "switchboard");
    const dependencies = await readdir(join(installed, "node_modules"));
    expect(dependencies).toContain("fastify");
    for (const devOnly of ["vitest", "typescript", "@anthropic-ai", "eslint"])
      expect(dependencies).not.toContain(devOnly);

    // An empty folder; the only config is the user's, in a fresh HOME.
    const home = join(work, "home");
    const empty = join(work, "empty");
    await mkdir(join(home, ".config", "switchboard"), { recursive: true });
    await mkdir(empty);
    await writeFile(
      join(home, ".config", "switchboard", "config.yaml"),
      `providers:\n  up:\n    type: openai\n    base_url: ${fake.url}/v1\n    api_key: sk-up\n    models: [gpt-5.1]\n`,
    );
    const binary = join(prefix, "bin", "switchboard");
    expect(existsSync(binary)).toBe(true);
    const child = spawn(binary, ["start", "--port", "0"], {
      cwd: empty,
      env: { PATH: `${join(prefix, "bin")}:${process.env["PATH"] ?? ""}`, HOME: home },
      stdio: ["ignore", "pipe", "pipe"],
    });
    try {
      let output = "";
      const url = await new Promise<string>((resolve, reject) => {
        const onData = (chunk: Buffer) => {
          output += chunk.toString("utf8");
          const match = /Switchboard listening on (http:\/\/\S+)/.exec(output);
          if (match?.[1] !== undefined) resolve(match[1]);
        };
        child.stdout.on("data", onData);
        child.stderr.on("data", onData);
        child.once("exit", (code) => reject(new Error(`exited ${code}: ${output}`)));
      });
      const response = await fetch(`${url}/v1/chat/completions`, {
        method: "POST",
        headers: { "content-type": "application/json", authorization: "Bearer any" },
        body: JSON.stringify({ model: "up/gpt-5.1", messages: [{ role: "user", content: "Hi" }] }),
      });
      expect(response.status).toBe(200);
      const body = (await response.json()) as { choices: Array<{ message: { content: string } }> };
      expect(body.choices[0]?.message.content).toBe("Hello from the fake upstream.");
      expect(await readdir(empty)).toEqual([]);
      // The usage store opened: its native SQLite module was built by the install.
      const health = (await (await fetch(`${url}/health`)).json()) as { store?: { engine: string; up: boolean } };
      expect(health.store).toMatchObject({ engine: "sqlite", up: true });
    } finally {
      child.kill("SIGTERM");
    }
  }, 600_000);
});
