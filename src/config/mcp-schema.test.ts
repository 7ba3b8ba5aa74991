import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { ConfigError } from "./config-error.js";
import { convertLitellmConfig } from "./litellm/convert-litellm-config.js";
import { configFromObject } from "./load-config.js";

describe("mcp_servers in the config", () => {
  it("normalises stdio and remote servers, expanding ${VAR} in headers", () => {
    const config = configFromObject(
      {
        mcp_servers: {
          memory: {
            command: "npx",
            args: ["-y", "@modelcontextprotocol/server-memory"],
            env: { MEMORY_FILE_PATH: "/tmp/m" },
          },
          tracker: { url: "https://mcp.example.com/mcp", headers: { authorization: "Bearer ${TRACKER_TOKEN}" } },
        },
        mcp: { tool_search: true, tool_search_model: "local/nomic-embed-text", idle_stop_s: 30 },
      },
      { env: { TRACKER_TOKEN: "tok-123" } },
    );
    expect(config.mcp?.toolSearch).toBe(true);
    expect(config.mcp?.toolSearchModel).toBe("local/nomic-embed-text");
    expect(config.mcp?.idleStopMs).toBe(30_000);
    expect(config.mcp?.servers).toEqual([
      expect.objectContaining({
        name: "memory",
        transport: "stdio",
        command: "npx",
        env: { MEMORY_FILE_PATH: "/tmp/m" },
      }),
      expect.objectContaining({
        name: "tracker",
        transport: "http",
        url: "https://mcp.example.com/mcp",
        headers: { authorization: "Bearer tok-123" },
      }),
    ]);
  });

  it("refuses an entry with neither or both of command and url, and names with __", () => {
    expect(() => configFromObject({ mcp_servers: { broken: { args: ["x"] } } })).toThrow(ConfigError);
    expect(() => configFromObject({ mcp_servers: { both: { command: "x", url: "https://a.example" } } })).toThrow(
      /either `command`/,
    );
    expect(() => configFromObject({ mcp_servers: { a__b: { command: "x" } } })).toThrow(/may not contain `__`/);
  });

  it("loads LiteLLM's mcp_servers entries as they are", () => {
    const litellm = parse(`
model_list:
  - model_name: gpt-4o
    litellm_params: { model: openai/gpt-4o }
mcp_servers:
  zapier_mcp:
    url: "https://actions.zapier.com/mcp/sse"
    transport: sse
    auth_type: bearer_token
    auth_value: os.environ/ZAPIER_TOKEN
    description: "Zapier actions"
  circleci_mcp:
    transport: stdio
    command: npx
    args: ["-y", "@circleci/mcp-server-circleci"]
    env:
      CIRCLECI_TOKEN: os.environ/CIRCLECI_TOKEN
    allowed_tools: ["get_build_failure_logs"]
  fetch:
    url: http://localhost:8000/mcp
    transport: http
    auth_type: api_key
    auth_value: abc123
    static_headers: { x-team: platform }
`) as Record<string, unknown>;
    const converted = convertLitellmConfig(litellm);
    expect(converted.warnings.filter((warning) => warning.startsWith("mcp_servers"))).toEqual([]);
    const config = configFromObject(converted.config, { env: { ZAPIER_TOKEN: "zap", CIRCLECI_TOKEN: "circle" } });
    const servers = Object.fromEntries((config.mcp?.servers ?? []).map((server) => [server.name, server]));
    expect(servers["zapier_mcp"]).toMatchObject({ transport: "sse", headers: { authorization: "Bearer zap" } });
    expect(servers["circleci_mcp"]).toMatchObject({
      transport: "stdio",
      command: "npx",
      env: { CIRCLECI_TOKEN: "circle" },
      allowedTools: ["get_build_failure_logs"],
    });
    expect(servers["fetch"]).toMatchObject({
      transport: "http",
      headers: { "x-api-key": "abc123", "x-team": "platform" },
    });
  });
});
