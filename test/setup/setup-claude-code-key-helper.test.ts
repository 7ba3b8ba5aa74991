import { existsSync } from "node:fs";
import { readFile, stat } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { printClientKey } from "../../src/cli/commands/key-print.js";
import { checkClaudeCode } from "../../src/cli/doctor/check-clients.js";
import { resolveGatewayTarget } from "../../src/cli/support/gateway-target.js";
import { setupClaudeCode } from "../../src/cli/commands/setup-claude-code.js";
import { startFakeUpstream } from "../fake-upstream/index.js";
import type { FakeUpstream } from "../fake-upstream/types.js";
import { existingClaudeSettings, makeFakeHome } from "./fake-home.js";

const key = "sk-switchboard-test-key-0123456789abcdef";
let fake: FakeUpstream;
let configYaml: string;

beforeAll(async () => {
  fake = await startFakeUpstream({ apiKey: "sk-up", models: ["claude-sonnet-4.5"] });
  configYaml = `server:\n  port: 4123\n  api_key: ${key}\n  log_level: silent\nproviders:\n  up:\n    type: openai\n    base_url: ${fake.url}/v1\n    api_key: sk-up\n`;
});
afterAll(() => fake.close());

describe("switchboard setup claude-code --key-helper", () => {
  it("writes apiKeyHelper, no key in settings.json, the key in a 0600 file; idempotent, --dry-run, --undo", async () => {
    const home = await makeFakeHome({ claude: existingClaudeSettings });
    const config = await home.writeConfig(configYaml);
    const settingsPath = join(home.home, ".claude", "settings.json");
    const keyPath = join(home.home, ".config", "switchboard", "client-key");
    // The switchboard command as the shell would run it; a space in the path must survive quoting.
    const context = () => home.context({ selfCommand: ["/opt/my tools/switchboard"] });

    await setupClaudeCode({ config, keyHelper: true, dryRun: true }, context());
    expect(existsSync(keyPath)).toBe(false);
    expect(await readFile(settingsPath, "utf8")).toBe(existingClaudeSettings);
    expect(home.output.join("\n")).toContain(`"apiKeyHelper": "'/opt/my tools/switchboard' key print"`);

    await setupClaudeCode({ config, keyHelper: true }, context());
    const written = JSON.parse(await readFile(settingsPath, "utf8")) as Record<string, unknown>;
    expect(written["apiKeyHelper"]).toBe("'/opt/my tools/switchboard' key print");
    expect(written["env"]).toMatchObject({ MY_VARIABLE: "kept", ANTHROPIC_BASE_URL: "http://127.0.0.1:4123" });
    expect(JSON.stringify(written)).not.toContain(key);
    expect(await readFile(keyPath, "utf8")).toBe(`${key}\n`);
    expect((await stat(keyPath)).mode & 0o777).toBe(0o600);
    expect((await stat(join(home.home, ".config", "switchboard"))).mode & 0o777).toBe(0o700);

    // What the helper prints is the key, and nothing else.
    const printed: string[] = [];
    expect(await printClientKey({ env: { HOME: home.home }, write: (text) => printed.push(text) })).toBe(true);
    expect(printed.join("")).toBe(`${key}\n`);

    // doctor reads the key through the helper's file, and says the settings work.
    const target = await resolveGatewayTarget({ config }, { HOME: home.home });
    const checked = checkClaudeCode(target, { HOME: home.home }, home.cwd);
    expect(checked.map((result) => result.detail)).toEqual([`${settingsPath} points here with a working key`]);

    const settingsAfter = await readFile(settingsPath, "utf8");
    home.output.length = 0;
    await setupClaudeCode({ config, keyHelper: true }, context());
    expect(await readFile(settingsPath, "utf8")).toBe(settingsAfter);
    expect(home.output).toContain(`unchanged ${settingsPath}`);
    expect(home.output).toContain(`unchanged ${keyPath}`);

    await setupClaudeCode({ config, undo: true }, context());
    expect(await readFile(settingsPath, "utf8")).toBe(existingClaudeSettings);
    expect(existsSync(keyPath)).toBe(false);
    expect(await printClientKey({ env: { HOME: home.home }, write: () => undefined })).toBe(false);
  });

  it("replaces a key setup wrote into settings.json earlier, since an env key would win over the helper", async () => {
    const home = await makeFakeHome({ claude: existingClaudeSettings });
    const config = await home.writeConfig(configYaml);
    const settingsPath = join(home.home, ".claude", "settings.json");
    await setupClaudeCode({ config }, home.context());
    expect(await readFile(settingsPath, "utf8")).toContain(key);
    await setupClaudeCode({ config, keyHelper: true }, home.context({ selfCommand: ["/usr/bin/switchboard"] }));
    const written = JSON.parse(await readFile(settingsPath, "utf8")) as { env: Record<string, string> };
    expect(written.env["ANTHROPIC_AUTH_TOKEN"]).toBeUndefined();
    expect(written.env["ANTHROPIC_API_KEY"]).toBeUndefined();
    expect(await readFile(settingsPath, "utf8")).not.toContain(key);
    // Back to a key in the file: the helper goes, so that settings say one thing.
    await setupClaudeCode({ config }, home.context());
    const again = JSON.parse(await readFile(settingsPath, "utf8")) as Record<string, unknown>;
    expect(again["apiKeyHelper"]).toBeUndefined();
    expect((again["env"] as Record<string, string>)["ANTHROPIC_AUTH_TOKEN"]).toBe(key);
  });
});
