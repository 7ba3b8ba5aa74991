import { mkdtemp, readFile, realpath, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { UpstreamScript } from "../conformance/support/case-context.js";
import { toFakeReply } from "../conformance/support/to-fake-reply.js";
import { viewUpstreamRequest } from "../conformance/support/upstream-view.js";
import { startFakeUpstream } from "../fake-upstream/index.js";
import type { FakeUpstream } from "../fake-upstream/types.js";
import { runCli } from "./support/run-cli.js";
import { claudeScript } from "./support/claude-script.js";
import { codexCallId, codexScript } from "./support/codex-script.js";

let fake: FakeUpstream;
let script: UpstreamScript = () => ({ text: "no script" });
let home: string;
let env: NodeJS.ProcessEnv;
// A second user: no "*" route, and the provider lists models by name, as Copilot does.
let plainHome: string;
let plainEnv: NodeJS.ProcessEnv;

beforeAll(async () => {
  fake = await startFakeUpstream({
    apiKey: "sk-up",
    models: ["fake-model"],
    script: (call) => toFakeReply(script(viewUpstreamRequest("openai-chat", call.body), call)),
  });
  home = await realpath(await mkdtemp(join(tmpdir(), "switchboard-launch-")));
  // Port 0: the launcher starts the gateway in the background and reads where it listens from its pid file.
  await writeFile(
    join(home, "switchboard.yaml"),
    [
      "server:\n  port: 0\n  api_key: sk-gw-launch\n  log_level: info",
      `providers:\n  up:\n    type: openai\n    base_url: ${fake.url}/v1\n    api_key: sk-up\n    models: [{ id: fake-model, apis: [openai-chat] }]`,
      `models:\n  "*": [up/fake-model]\nrouting:\n  max_retries: 0\n`,
    ].join("\n"),
  );
  // A stray key in the shell would be sent instead of the gateway's; the launcher drops it.
  env = { PATH: process.env["PATH"], HOME: home, ANTHROPIC_API_KEY: "sk-ant-somebody-else", DISABLE_AUTOUPDATER: "1" };
  plainHome = await realpath(await mkdtemp(join(tmpdir(), "switchboard-launch-plain-")));
  const listed = "[{ id: claude-sonnet-4.5, apis: [openai-chat] }, { id: gpt-5.1-codex, apis: [openai-chat] }]";
  await writeFile(
    join(plainHome, "switchboard.yaml"),
    [
      "server:\n  port: 0\n  api_key: sk-gw-plain\n  log_level: info",
      `providers:\n  up:\n    type: openai\n    base_url: ${fake.url}/v1\n    api_key: sk-up\n    models: ${listed}`,
      "routing:\n  max_retries: 0\n",
    ].join("\n"),
  );
  plainEnv = { PATH: process.env["PATH"], HOME: plainHome, DISABLE_AUTOUPDATER: "1" };
});
afterAll(async () => {
  await runCli(["stop"], { env, cwd: home });
  await runCli(["stop"], { env: plainEnv, cwd: plainHome });
  await fake.close();
});

describe("switchboard claude / switchboard codex start the gateway when it is down and run the client against it", () => {
  it("claude -p … writes a file through the Write tool; then codex exec … runs a command", async () => {
    const filePath = join(home, "hello.txt");
    script = claudeScript(filePath, "hi");
    const claude = await runCli(
      ["claude", "-p", "Create hello.txt containing hi", "--output-format", "json"].concat([
        "--permission-mode",
        "acceptEdits",
        "--allowedTools",
        "Write",
      ]),
      { env: { ...env, CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC: "1" }, cwd: home },
    );
    const context = `exit ${claude.code}\nstdout: ${claude.stdout.slice(-1500)}\nstderr: ${claude.stderr.slice(-1500)}`;
    expect(claude.stderr, context).toMatch(/Started Switchboard in the background at http:\/\/127\.0\.0\.1:\d+/);
    expect(claude.code, context).toBe(0);
    expect(await readFile(filePath, "utf8")).toBe("hi");

    const calls = fake.calls.length;
    script = codexScript("made-by-codex.txt", "hi", []);
    const codex = await runCli(
      [
        "codex",
        "exec",
        "--skip-git-repo-check",
        "-s",
        "danger-full-access",
        "-m",
        "gpt-5.1-codex",
        "Create made-by-codex.txt containing hi",
      ],
      { env, cwd: home },
    );
    const codexContext = `exit ${codex.code}\nstderr: ${codex.stderr.slice(-2500)}`;
    expect(codex.stderr, codexContext).not.toContain("Started Switchboard");
    expect(codex.code, codexContext).toBe(0);
    expect(await readFile(join(home, "made-by-codex.txt"), "utf8")).toBe("hi");
    expect(JSON.stringify(fake.calls.slice(calls).at(-1)?.body)).toContain(codexCallId);
    // The user's own files were not written: the launchers only set the client's environment.
    await expect(readFile(join(home, ".claude", "settings.json"), "utf8")).rejects.toThrow();
    await expect(readFile(join(home, ".codex", "config.toml"), "utf8")).rejects.toThrow();
  });

  it("with no -m and no catch-all route, codex exec gets the model setup codex picks, and claude -p the tier models", async () => {
    let calls = fake.calls.length;
    script = codexScript("plain-codex.txt", "hi", []);
    // What a new user types: Codex left alone asks for its own default model, which nothing routes.
    const codex = await runCli(
      ["codex", "exec", "--skip-git-repo-check", "-s", "danger-full-access", "Create plain-codex.txt containing hi"],
      { env: plainEnv, cwd: plainHome },
    );
    const codexContext = `exit ${codex.code}\nstderr: ${codex.stderr.slice(-2500)}`;
    expect(codex.stderr, codexContext).toContain(
      "Codex will use up/gpt-5.1-codex (the model `switchboard setup codex` picks; choose another with -m).",
    );
    expect(codex.stderr, codexContext).not.toContain("is not routable");
    expect(codex.code, codexContext).toBe(0);
    expect(await readFile(join(plainHome, "plain-codex.txt"), "utf8")).toBe("hi");
    expect(fake.calls.slice(calls).map((call) => (call.body as { model?: unknown }).model)).toContain("gpt-5.1-codex");

    calls = fake.calls.length;
    const filePath = join(plainHome, "plain-claude.txt");
    script = claudeScript(filePath, "hi");
    const claude = await runCli(
      ["claude", "-p", "Create plain-claude.txt containing hi", "--output-format", "json"].concat([
        "--permission-mode",
        "acceptEdits",
        "--allowedTools",
        "Write",
      ]),
      { env: { ...plainEnv, CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC: "1" }, cwd: plainHome },
    );
    const claudeContext = `exit ${claude.code}\nstdout: ${claude.stdout.slice(-1500)}\nstderr: ${claude.stderr.slice(-1500)}`;
    expect(claude.stderr, claudeContext).toContain("ANTHROPIC_DEFAULT_SONNET_MODEL=up/claude-sonnet-4.5");
    expect(claude.code, claudeContext).toBe(0);
    expect(await readFile(filePath, "utf8")).toBe("hi");
    expect(fake.calls.slice(calls).map((call) => (call.body as { model?: unknown }).model)).toContain(
      "claude-sonnet-4.5",
    );
  });
});
