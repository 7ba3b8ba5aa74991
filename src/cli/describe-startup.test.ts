import { describe, expect, it } from "vitest";
import { configFromObject } from "../config/load-config.js";
import { buildProgram } from "./build-program.js";
import { describeStartup } from "./describe-startup.js";

describe("describeStartup", () => {
  it("with nothing configured, explains what to add: an example config and the env vars", () => {
    const lines = describeStartup({
      loaded: {
        config: configFromObject({}),
        env: {},
        configDir: "/home/me/.config/switchboard",
        implicitProviders: [],
      },
      url: "http://127.0.0.1:4000",
      models: [],
    });
    const text = lines.join("\n");
    expect(lines[0]).toBe("Switchboard listening on http://127.0.0.1:4000");
    expect(text).toContain("No provider is configured");
    expect(text).toContain("OPENAI_API_KEY");
    expect(text).toContain("providers:");
    expect(text).toContain("PROXY_API_KEY");
  });

  it("lists providers, routable models and how to point clients at it", () => {
    const config = configFromObject({
      server: { api_key: "k" },
      providers: { anthropic: { type: "anthropic" } },
      models: { "*": "anthropic/claude-sonnet-4-5" },
    });
    const lines = describeStartup({
      loaded: { config, env: {}, configDir: "/x", source: "/work/switchboard.yaml", implicitProviders: ["anthropic"] },
      url: "http://127.0.0.1:4000",
      models: [{ id: "anthropic/claude-sonnet-4-5", ownedBy: "anthropic" }],
    });
    expect(lines).toContain("Config: /work/switchboard.yaml");
    expect(lines).toContain("Providers: anthropic (anthropic, from the environment)");
    expect(lines).toContain("Models: anthropic/claude-sonnet-4-5");
    expect(lines).toContain("Any other model name goes to: anthropic/claude-sonnet-4-5");
    expect(lines).toContain("  Claude Code: ANTHROPIC_BASE_URL=http://127.0.0.1:4000");
    expect(lines).toContain("  Codex / OpenAI SDKs: OPENAI_BASE_URL=http://127.0.0.1:4000/v1");
  });
});

describe("switchboard command", () => {
  it("has a start command with --host, --port, --config, --watch, --detach and --stop-grace", () => {
    const start = buildProgram().commands.find((command) => command.name() === "start");
    expect(start?.options.map((option) => option.long)).toEqual([
      "--host",
      "--port",
      "--config",
      "--watch",
      "--detach",
      "--stop-grace",
      "--state-file",
    ]);
  });
});
