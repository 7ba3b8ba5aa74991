import { execFileSync } from "node:child_process";
import { setTimeout as sleep } from "node:timers/promises";
import { describe, it } from "vitest";
import { setupClaudeCode } from "../../src/cli/commands/setup-claude-code.js";
import { gatewayKey } from "../conformance/support/gateway-config.js";
import { makeFakeHome } from "../setup/fake-home.js";
import { claudeBinary } from "./support/run-claude.js";
import { headerOf, startE2eStack } from "./support/start-e2e-stack.js";

function hasTmux(): boolean {
  try {
    execFileSync("tmux", ["-V"]);
    return true;
  } catch {
    return false;
  }
}

function shellWord(value: string): string {
  return `'${value.replace(/'/g, `'\\''`)}'`;
}

const keyPrompt = /Do you want to use this API key\?/;

/**
 * Interactive Claude Code in tmux, for a user who has used Claude Code before (onboarding done,
 * the project trusted: what `~/.claude.json` holds after a first run). Without the approval setup
 * records, a key in ANTHROPIC_API_KEY stops Claude Code at "Detected a custom API key … Do you want
 * to use this API key?" (checked by hand with a key setup had not approved).
 */
describe
  .skipIf(!hasTmux())
  .concurrent("interactive Claude Code after `setup claude-code` answers without asking about the key", () => {
    for (const keyInShell of [false, true]) {
      it(
        keyInShell ? "with the gateway key also in the shell as ANTHROPIC_API_KEY" : "with the settings alone",
        async ({ expect }) => {
          const e2e = await startE2eStack("openai-chat");
          const session = `switchboard-${process.pid}-${keyInShell ? "key" : "settings"}`;
          try {
            e2e.stack.setScript(() => ({ text: "Hello from the fake upstream" }));
            const home = await makeFakeHome({
              claudeState: JSON.stringify({
                hasCompletedOnboarding: true,
                projects: { [e2e.workdir]: { hasTrustDialogAccepted: true } },
              }),
            });
            const config = await home.writeConfig(
              `server:\n  api_key: ${gatewayKey}\n  log_level: silent\nproviders: {}\n`,
            );
            await setupClaudeCode({ config, url: e2e.proxy.url }, home.context());
            const variables = [
              `HOME=${home.home}`,
              `PATH=${process.env["PATH"] ?? ""}`,
              "TERM=xterm-256color",
              "CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC=1",
              "DISABLE_AUTOUPDATER=1",
              ...(keyInShell ? [`ANTHROPIC_API_KEY=${gatewayKey}`] : []),
            ];
            const command = `env -i ${variables.map(shellWord).join(" ")} ${shellWord(claudeBinary)}`;
            execFileSync("tmux", [
              "new-session",
              "-d",
              "-s",
              session,
              "-x",
              "160",
              "-y",
              "50",
              "-c",
              e2e.workdir,
              command,
            ]);
            const pane = () => execFileSync("tmux", ["capture-pane", "-p", "-t", session]).toString();
            let screen = "";
            let sent = false;
            for (let attempt = 0; attempt < 60 && !screen.includes("Hello from the fake upstream"); attempt++) {
              await sleep(1_000);
              screen = pane();
              expect(screen, screen).not.toMatch(keyPrompt);
              if (!sent && screen.includes("for shortcuts")) {
                execFileSync("tmux", ["send-keys", "-t", session, "say hello", "Enter"]);
                sent = true;
              }
            }
            expect(screen, screen).toContain("Hello from the fake upstream");
            const turns = e2e.proxy.requests.filter(
              (request) => request.method === "POST" && request.path.startsWith("/v1/messages"),
            );
            expect(turns.length).toBeGreaterThanOrEqual(1);
            for (const turn of turns) expect(turn.status).toBe(200);
            const presented = headerOf(turns[0]!.headers, "x-api-key") ?? headerOf(turns[0]!.headers, "authorization");
            expect(presented?.replace(/^Bearer /, "")).toBe(gatewayKey);
          } finally {
            try {
              execFileSync("tmux", ["kill-session", "-t", session]);
            } catch {
              // already gone
            }
            await e2e.close();
          }
        },
      );
    }
  });
