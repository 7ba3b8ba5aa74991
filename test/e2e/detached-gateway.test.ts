import { existsSync } from "node:fs";
import { mkdir, mkdtemp, readFile, realpath, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startFakeUpstream } from "../fake-upstream/index.js";
import type { FakeUpstream } from "../fake-upstream/types.js";
import { runCli, spawnCli } from "./support/run-cli.js";

let fake: FakeUpstream;
let releaseStream: () => void = () => undefined;
let home: string;
let env: NodeJS.ProcessEnv;

beforeAll(async () => {
  fake = await startFakeUpstream({
    apiKey: "sk-up",
    models: ["gpt-5.1"],
    script: (call) => {
      const body = call.body as { messages?: Array<{ content?: string }> };
      if (body.messages?.[0]?.content === "hold") {
        return {
          text: "a long answer that ends only when the test says so",
          pauseMidStream: new Promise((resolve) => (releaseStream = () => resolve(undefined))),
        };
      }
      if (body.messages?.[0]?.content === "refuse") return { error: { status: 400 } };
      return { text: "hello" };
    },
  });
  home = await realpath(await mkdtemp(join(tmpdir(), "switchboard-detach-")));
  await writeFile(
    join(home, "switchboard.yaml"),
    `server:\n  api_key: sk-gw\n  log_level: info\nproviders:\n  up:\n    type: openai\n    base_url: ${fake.url}/v1\n    api_key: sk-up\n    models: [gpt-5.1]\n`,
  );
  env = { PATH: process.env["PATH"], HOME: home };
});
afterAll(async () => {
  await runCli(["stop"], { env, cwd: home });
  await fake.close();
});

describe("switchboard start --detach, status, logs, stop", () => {
  it("runs in the background, reports itself, serves, and stops after the stream in flight finishes", async () => {
    const started = await runCli(["start", "--detach", "--port", "0", "--config", "switchboard.yaml"], {
      env,
      cwd: home,
    });
    expect(started.stderr).toBe("");
    const match = /started in the background at (http:\/\/127\.0\.0\.1:(\d+)) \(pid (\d+)\)/.exec(started.stdout);
    expect(match, started.stdout).not.toBeNull();
    const [, url, port, pid] = match as RegExpExecArray;
    const stateFile = join(home, ".local", "share", "switchboard", "gateway.pid");
    expect(JSON.parse(await readFile(stateFile, "utf8"))).toMatchObject({ pid: Number(pid), url, port: Number(port) });

    const again = await runCli(["start", "--detach", "--config", "switchboard.yaml"], { env, cwd: home });
    expect(again.stdout).toContain(`Switchboard is already running at ${url} (pid ${pid}).`);

    // Another port asked while this one runs: the one asked for would never be served, so say so and fail.
    const otherPort = await runCli(["start", "--detach", "--port", String(Number(port) + 1)], { env, cwd: home });
    expect(otherPort.stderr.trim()).toBe(
      `Switchboard is already running at ${url} (pid ${pid}), on port ${port}, not ${Number(port) + 1} as asked. Stop it first (\`switchboard stop\`), or start this one with its own data folder (XDG_DATA_HOME=<another folder>).`,
    );
    expect(otherPort.code).toBe(1);

    // A start that fails (its port is held) says why first, and shows nothing of earlier sessions' log.
    const otherData = join(home, "other-data");
    await mkdir(join(otherData, "switchboard"), { recursive: true });
    await writeFile(join(otherData, "switchboard", "gateway.log"), "a line from an earlier session\n");
    const held = await runCli(["start", "--detach", "--port", String(port), "--config", "switchboard.yaml"], {
      env: { ...env, XDG_DATA_HOME: otherData },
      cwd: home,
    });
    expect(held.stderr).toMatch(
      new RegExp(
        `^The gateway did not start: Cannot listen on 127\\.0\\.0\\.1:${port}: the address is already in use\\.`,
      ),
    );
    expect(held.stderr).not.toContain("earlier session");
    expect(held.code).toBe(1);

    const status = await runCli(["status"], { env, cwd: home });
    expect(status.stdout).toMatch(new RegExp(`^Gateway: up at ${url} \\(pid ${pid}, port ${port}, up \\d+s\\)$`, "m"));
    // Only an OpenAI provider is configured: its sign-in is reported, Copilot's is none of this user's business.
    expect(status.stdout).toMatch(/^Provider up \(openai\): signed in/m);
    expect(status.stdout).not.toContain("Copilot");
    expect(status.code, status.stdout).toBe(0);

    const logs = await runCli(["logs", "-n", "50"], { env, cwd: home });
    expect(logs.stdout).toContain(`Switchboard listening on ${url}`);

    // Requests today, read from the usage store (SQLite in the data folder): one served request.
    const served = await fetch(`${url}/v1/chat/completions`, {
      method: "POST",
      headers: { authorization: "Bearer sk-gw", "content-type": "application/json" },
      body: JSON.stringify({ model: "up/gpt-5.1", messages: [{ role: "user", content: "Hi" }] }),
    });
    expect(served.status).toBe(200);
    await served.text();
    // The row is written at most store.flush_interval_ms (100 ms) after the request; ask until it is.
    let counted = "";
    for (let attempt = 0; attempt < 20 && !counted.includes("Requests today (UTC): 1"); attempt++)
      counted = (await runCli(["status"], { env, cwd: home })).stdout;
    expect(counted).toMatch(/^Requests today \(UTC\): 1$/m);

    // `logs -f` prints what the gateway writes next (here the warning for a refused request), and
    // stops on Ctrl-C with exit code 0. `-n 0`: none of the lines written before.
    const following = spawnCli(["logs", "-f", "-n", "0"], { env, cwd: home });
    let followed = "";
    following.stdout.on("data", (chunk: Buffer) => (followed += chunk.toString()));
    // The follower's start (tsx) takes a moment: refuse requests until one shows in its output.
    for (let attempt = 0; attempt < 40 && !followed.includes("upstream refused the request"); attempt++) {
      const refused = await fetch(`${url}/v1/chat/completions`, {
        method: "POST",
        headers: { authorization: "Bearer sk-gw", "content-type": "application/json" },
        body: JSON.stringify({ model: "up/gpt-5.1", messages: [{ role: "user", content: "refuse" }] }),
      });
      expect(refused.status).toBe(400);
      await refused.text();
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
    expect(followed).toContain("upstream refused the request");
    expect(followed).not.toContain("Switchboard listening");
    const exited = new Promise<number | null>((resolve) => following.on("exit", (code) => resolve(code)));
    following.kill("SIGINT");
    expect(await exited).toBe(0);

    // A stream in flight when `stop` arrives is finished, not cut.
    const response = await fetch(`${url}/v1/chat/completions`, {
      method: "POST",
      headers: { authorization: "Bearer sk-gw", "content-type": "application/json" },
      body: JSON.stringify({ model: "up/gpt-5.1", stream: true, messages: [{ role: "user", content: "hold" }] }),
    });
    expect(response.status).toBe(200);
    const reader = response.body!.getReader();
    let streamed = new TextDecoder().decode((await reader.read()).value);
    const stopping = runCli(["stop"], { env, cwd: home });
    await new Promise((resolve) => setTimeout(resolve, 700));
    releaseStream();
    for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read())
      streamed += new TextDecoder().decode(chunk.value);
    expect(streamed).toContain("data: [DONE]");
    const stopped = await stopping;
    expect(stopped.stdout).toContain(`Switchboard (pid ${pid}) stopped.`);
    expect(existsSync(stateFile)).toBe(false);
    await expect(fetch(`${url}/health`)).rejects.toThrow();

    const after = await runCli(["status"], { env, cwd: home });
    expect(after.stdout).toContain(
      `Gateway: not running at http://127.0.0.1:4000 (start it with \`switchboard start --detach\`)`,
    );
    expect(after.code).toBe(1);
    const logsAfter = await runCli(["logs"], { env, cwd: home });
    expect(logsAfter.stdout).toContain("stopping: finishing the requests in flight");
  });

  it("finds a gateway started in the foreground on any port, and `status --port` asks that port", async () => {
    const foreground = spawnCli(["start", "--port", "0", "--config", "switchboard.yaml"], { env, cwd: home });
    let printed = "";
    foreground.stdout.on("data", (chunk: Buffer) => (printed += chunk.toString()));
    const exited = new Promise<number | null>((resolve) => foreground.on("exit", (code) => resolve(code)));
    try {
      for (let attempt = 0; attempt < 100 && !/listening on/.test(printed); attempt++)
        await new Promise((resolve) => setTimeout(resolve, 200));
      const url = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(printed)?.[1];
      expect(url, printed).toBeDefined();
      const port = Number(url?.split(":")[2]);
      for (const args of [["status"], ["status", "--port", String(port)]]) {
        const status = await runCli(args, { env, cwd: home });
        expect(status.stdout).toMatch(
          new RegExp(`^Gateway: up at ${url} \\(pid ${foreground.pid}, port ${port}, up \\d+s\\)$`, "m"),
        );
        expect(status.code, status.stdout).toBe(0);
      }
      const elsewhere = await runCli(["status", "--port", "9"], { env, cwd: home });
      expect(elsewhere.stdout).toContain("Gateway: not running at http://127.0.0.1:9 (start it with");
      expect(elsewhere.code).toBe(1);
      const stopped = await runCli(["stop"], { env, cwd: home });
      expect(stopped.stdout).toContain(`Switchboard (pid ${foreground.pid}) stopped.`);
      expect(await exited).toBe(0);
    } finally {
      foreground.kill("SIGKILL");
    }
  });
});
