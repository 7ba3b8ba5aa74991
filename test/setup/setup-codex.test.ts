import { existsSync } from "node:fs";
import { readFile, stat } from "node:fs/promises";
import { join } from "node:path";
import { parse } from "@decimalturn/toml-patch";
import { describe, expect, it } from "vitest";
import { setupCodex } from "../../src/cli/commands/setup-codex.js";
import { SetupError } from "../../src/setup/setup-error.js";
import { existingCodexConfig, makeFakeHome } from "./fake-home.js";

const key = "sk-switchboard-codex-key";
const configYaml = `server:\n  port: 4124\n  api_key: ${key}\n  log_level: silent\nproviders: {}\n`;

describe("switchboard setup codex", () => {
  it("adds the provider table keeping comments and the user's tables; idempotent; undo restores the file", async () => {
    const home = await makeFakeHome({ codex: existingCodexConfig });
    const config = await home.writeConfig(configYaml);
    const configPath = join(home.home, ".codex", "config.toml");
    await setupCodex({ config, model: "gpt-5.1-codex" }, home.context());
    const written = await readFile(configPath, "utf8");
    expect(written).toBe(
      existingCodexConfig
        .replace('model = "o3" # my favourite', 'model = "gpt-5.1-codex" # my favourite')
        .replace(
          'approval_policy = "on-request"\n',
          'approval_policy = "on-request"\nmodel_provider = "switchboard"\n',
        ) +
        `\n[model_providers.switchboard]\nname = "Switchboard"\nbase_url = "http://127.0.0.1:4124/v1"\nenv_key = "SWITCHBOARD_API_KEY"\nwire_api = "responses"\n`,
    );
    expect(home.output).toContain(`Codex reads the key from SWITCHBOARD_API_KEY: export SWITCHBOARD_API_KEY=${key}`);

    await setupCodex({ config, model: "gpt-5.1-codex" }, home.context());
    expect(await readFile(configPath, "utf8")).toBe(written);
    expect(home.output).toContain(`unchanged ${configPath}`);

    // A second setup with another URL edits the table in place, still one table.
    await setupCodex({ config, model: "gpt-5.1-codex", url: "http://127.0.0.1:5000" }, home.context());
    const moved = parse(await readFile(configPath, "utf8")) as {
      model_providers: Record<string, { base_url: string }>;
    };
    expect(moved.model_providers["switchboard"]?.base_url).toBe("http://127.0.0.1:5000/v1");
    expect(moved.model_providers["ollama"]?.base_url).toBe("http://localhost:11434/v1");

    await setupCodex({ undo: true }, home.context());
    expect(await readFile(configPath, "utf8")).toBe(existingCodexConfig);
  });

  it("--builtin sets openai_base_url and saves the key as `codex login --with-api-key` does", async () => {
    const home = await makeFakeHome({ codex: existingCodexConfig });
    const config = await home.writeConfig(configYaml);
    await setupCodex({ config, builtin: true, model: "gpt-5.5" }, home.context());
    const written = parse(await readFile(join(home.home, ".codex", "config.toml"), "utf8")) as Record<string, unknown>;
    expect(written["openai_base_url"]).toBe("http://127.0.0.1:4124/v1");
    expect(written["model"]).toBe("gpt-5.5");
    expect(written["model_provider"]).toBeUndefined();
    const authPath = join(home.home, ".codex", "auth.json");
    expect(JSON.parse(await readFile(authPath, "utf8"))).toEqual({ auth_mode: "apikey", OPENAI_API_KEY: key });
    expect((await stat(authPath)).mode & 0o777).toBe(0o600);

    await setupCodex({ undo: true }, home.context());
    expect(existsSync(authPath)).toBe(false);
    expect(await readFile(join(home.home, ".codex", "config.toml"), "utf8")).toBe(existingCodexConfig);
  });

  it("honours CODEX_HOME and creates the folder when missing, and says how to install Codex", async () => {
    const home = await makeFakeHome();
    const config = await home.writeConfig(configYaml);
    const context = home.context();
    context.env["CODEX_HOME"] = join(home.home, "elsewhere", "codex");
    await setupCodex({ config, model: "gpt-5.5" }, context);
    const written = parse(await readFile(join(home.home, "elsewhere", "codex", "config.toml"), "utf8")) as Record<
      string,
      unknown
    >;
    expect(written["model_provider"]).toBe("switchboard");
    expect(home.output).toContain(
      "Codex is not installed (no `codex` on PATH). Install it: npm install -g @openai/codex",
    );
  });

  it("never overwrites a config.toml that does not parse: names the file and line, changes nothing", async () => {
    const broken = `model = "o3"\n\n[profiles.fast\nmodel = "gpt-5"\n`;
    const home = await makeFakeHome({ codex: broken });
    const config = await home.writeConfig(configYaml);
    const configPath = join(home.home, ".codex", "config.toml");
    const failure = setupCodex({ config, model: "gpt-5.5" }, home.context());
    await expect(failure).rejects.toBeInstanceOf(SetupError);
    await expect(failure).rejects.toThrow(`${configPath}:4: not valid TOML (Table header must be single-line)`);
    expect(await readFile(configPath, "utf8")).toBe(broken);
    expect(existsSync(`${configPath}.switchboard-backup`)).toBe(false);
  });
});
