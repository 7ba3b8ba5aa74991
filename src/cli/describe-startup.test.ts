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

describe("the listening address and the client key", () => {
  const describeFor = (server: Record<string, unknown>) =>
    describeStartup({
      loaded: {
        config: configFromObject({ server, providers: { anthropic: { type: "anthropic" } } }),
        env: {},
        configDir: "/x",
        implicitProviders: [],
      },
      url: "http://127.0.0.1:4000",
      models: [],
    });
  const wideWarning =
    "Warning: listening on 0.0.0.0, beyond this machine, with no client key: anyone who can reach it can use your providers. Set server.api_key (or PROXY_API_KEY), or listen on 127.0.0.1 only (the default; --host 127.0.0.1).";

  it("listens on 127.0.0.1 unless told otherwise", () => {
    expect(configFromObject({}).server.host).toBe("127.0.0.1");
    expect(configFromObject({}, { env: {} }).server.host).toBe("127.0.0.1");
  });

  it("says so, second line, when it listens wider without a key", () => {
    expect(describeFor({ host: "0.0.0.0" })[1]).toBe(wideWarning);
  });

  it("does not warn of the wide address with a key, nor on loopback", () => {
    expect(describeFor({ host: "0.0.0.0", api_key: "k" }).join("\n")).not.toContain("Warning: listening");
    const local = describeFor({}).join("\n");
    expect(local).not.toContain("Warning: listening");
    expect(local).toContain("No client key is set");
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

describe("where limits are decided", () => {
  const linesFor = (file: Record<string, unknown>) =>
    describeStartup({
      loaded: {
        config: configFromObject({ providers: { anthropic: { type: "anthropic" } }, ...file }),
        env: {},
        configDir: "/x",
        implicitProviders: [],
      },
      url: "http://127.0.0.1:4000",
      models: [],
    });

  it("warns that a cache Redis alone leaves limits per process", () => {
    expect(linesFor({ cache: { redis: { url: "redis://cache:6379" } } })).toContain(
      "Warning: cache.redis.url holds only the response cache; limits are per process (each replica allows the whole limit). Set redis.url (or REDIS_URL) to share them.",
    );
  });

  it("says limits are shared through the coordination Redis, and what happens while it is down", () => {
    const both = linesFor({ redis: { url: "redis://a:6379" }, cache: { redis: { url: "redis://b:6379" } } });
    expect(both).toContain("Limits: shared by every replica through Redis (redis.url); per process while it is down");
    expect(both.join("\n")).not.toContain("Warning: cache.redis.url");
    expect(linesFor({ redis: { url: "redis://a:6379", fail_closed: true } })).toContain(
      "Limits: shared by every replica through Redis (redis.url); limited requests refused with 503 while it is down (redis.fail_closed)",
    );
    expect(linesFor({}).join("\n")).not.toContain("Limits:");
  });
});
