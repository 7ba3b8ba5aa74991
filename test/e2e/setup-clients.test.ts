import { mkdir, mkdtemp, readFile, realpath, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, it } from "vitest";
import { setupClaudeCode } from "../../src/cli/commands/setup-claude-code.js";
import { setupCodex } from "../../src/cli/commands/setup-codex.js";
import type { SetupContext } from "../../src/cli/support/setup-context.js";
import { gatewayKey } from "../conformance/support/gateway-config.js";
import { claudeScript } from "./support/claude-script.js";
import { codexCallId, codexScript } from "./support/codex-script.js";
import { claudeBinary } from "./support/run-claude.js";
import { codexBinary } from "./support/run-codex.js";
import { cleanEnvironment, runProcess } from "./support/run-process.js";
import { headerOf, startE2eStack } from "./support/start-e2e-stack.js";

const repositoryRoot = join(import.meta.dirname, "..", "..");
const switchboardFromSources = [
  process.execPath,
  "--import",
  import.meta.resolve("tsx"),
  join(repositoryRoot, "src/cli/main.ts"),
];

/** A HOME holding configs of the user's own, and a gateway config naming only the server's key. */
async function preparedHome(): Promise<{ home: string; config: string; context: SetupContext; output: string[] }> {
  const home = await realpath(await mkdtemp(join(tmpdir(), "switchboard-setup-e2e-")));
  await mkdir(join(home, ".claude"));
  await writeFile(join(home, ".claude", "settings.json"), `{"theme": "dark", "env": {"MY_VARIABLE": "kept"}}\n`);
  await mkdir(join(home, ".codex"));
  await writeFile(join(home, ".codex", "config.toml"), `# mine\napproval_policy = "never" # keep\n`);
  const config = join(home, "switchboard.yaml");
  await writeFile(config, `server:\n  api_key: ${gatewayKey}\n  log_level: silent\nproviders: {}\n`);
  const output: string[] = [];
  return {
    home,
    config,
    output,
    context: { env: { HOME: home, PATH: "" }, cwd: home, write: (line) => output.push(line) },
  };
}

describe.concurrent(
  "clients set up by `switchboard setup` complete a tool round trip with nothing but their HOME",
  () => {
    for (const keyHelper of [false, true]) {
      it(`Claude Code 2.1.197 after \`setup claude-code${keyHelper ? " --key-helper" : ""}\``, async ({ expect }) => {
        const e2e = await startE2eStack("openai-chat");
        try {
          const { home, config, context } = await preparedHome();
          // With the helper, Claude Code runs this checkout's `switchboard key print` for the key.
          await setupClaudeCode(
            { config, url: e2e.proxy.url, sonnet: "fake-sonnet", haiku: "fake-haiku", keyHelper },
            { ...context, selfCommand: switchboardFromSources },
          );
          const filePath = join(e2e.workdir, "hello.txt");
          e2e.stack.setScript(claudeScript(filePath, "hi"));
          const run = await runProcess({
            command: claudeBinary,
            args: ["-p", "Create a file named hello.txt containing hi", "--output-format", "json"].concat([
              "--permission-mode",
              "acceptEdits",
              "--allowedTools",
              "Write",
            ]),
            cwd: e2e.workdir,
            // No ANTHROPIC_* variable: the endpoint and the key come from the settings setup wrote.
            env: cleanEnvironment({
              HOME: home,
              CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC: "1",
              DISABLE_AUTOUPDATER: "1",
            }),
          });
          const observed = await e2e.saveObservations(`setup-claude-code${keyHelper ? "-key-helper" : ""}`);
          const context_ = `exit ${run.exitCode}; observations in ${observed}\nstdout: ${run.stdout.slice(-1500)}\nstderr: ${run.stderr.slice(-1500)}`;
          expect(run.exitCode, context_).toBe(0);
          expect(await readFile(filePath, "utf8")).toBe("hi");
          const messages = e2e.proxy.requests.filter((request) => request.method === "POST");
          expect(messages.length, context_).toBeGreaterThanOrEqual(2);
          for (const request of messages) {
            expect(headerOf(request.headers, "authorization")).toBe(`Bearer ${gatewayKey}`);
            expect(request.status).toBe(200);
          }
          const settings = JSON.parse(await readFile(join(home, ".claude", "settings.json"), "utf8")) as {
            theme: string;
            env: Record<string, string>;
          };
          expect(settings.theme).toBe("dark");
          expect(settings.env["MY_VARIABLE"]).toBe("kept");
          if (keyHelper) expect(JSON.stringify(settings)).not.toContain(gatewayKey);
        } finally {
          await e2e.close();
        }
      });
    }

    for (const builtin of [false, true]) {
      it(`Codex 0.169.0 after \`setup codex${builtin ? " --builtin" : ""}\``, async ({ expect }) => {
        const e2e = await startE2eStack("openai-responses");
        try {
          const { home, config, context } = await preparedHome();
          await setupCodex({ config, url: e2e.proxy.url, model: "gpt-5.1-codex", builtin }, context);
          e2e.stack.setScript(codexScript("made-by-codex.txt", "hi", []));
          // The provider table names the variable the key is read from; the built-in provider reads auth.json.
          const env = cleanEnvironment({ HOME: home, ...(builtin ? {} : { SWITCHBOARD_API_KEY: gatewayKey }) });
          const run = await runProcess({
            command: codexBinary,
            args: [
              "exec",
              "--skip-git-repo-check",
              "-s",
              "danger-full-access",
              "Create made-by-codex.txt containing hi",
            ],
            cwd: e2e.workdir,
            env,
          });
          const observed = await e2e.saveObservations(`setup-codex-${builtin ? "builtin" : "table"}`);
          const context_ = `exit ${run.exitCode}; observations in ${observed}\nstderr: ${run.stderr.slice(-2500)}`;
          expect(run.exitCode, context_).toBe(0);
          expect(await readFile(join(e2e.workdir, "made-by-codex.txt"), "utf8").catch(() => "(missing)")).toBe("hi");
          const calls = e2e.stack.generationCalls();
          expect(JSON.stringify(calls.at(-1)?.body), context_).toContain(codexCallId);
          expect(await readFile(join(home, ".codex", "config.toml"), "utf8")).toContain(
            `approval_policy = "never" # keep`,
          );
        } finally {
          await e2e.close();
        }
      });
    }
  },
);
