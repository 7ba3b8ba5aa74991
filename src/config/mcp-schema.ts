import { z } from "zod";

/**
 * `mcp_servers:` and `mcp:` in the config file. One entry per tool server, keyed by the name that
 * prefixes its tools (`memory__create_entities`). Entries are loose objects so that LiteLLM's
 * `mcp_servers` entries load as they are: its `transport`, `auth_type`/`auth_value`,
 * `static_headers`, `allowed_tools`/`disallowed_tools` are understood; its other keys
 * (`description`, `spec_version`, `mcp_info`, …) are accepted and ignored.
 */
const mcpServerSchema = z
  .looseObject({
    transport: z.enum(["stdio", "http", "sse"]).optional(),
    command: z.string().min(1).optional(),
    args: z.array(z.string()).optional(),
    env: z.record(z.string(), z.string()).optional(),
    cwd: z.string().min(1).optional(),
    url: z.url().optional(),
    headers: z.record(z.string(), z.string()).optional(),
    /** LiteLLM's name for headers sent to the server as they are. */
    static_headers: z.record(z.string(), z.string()).optional(),
    auth_type: z.enum(["none", "bearer_token", "api_key", "basic", "authorization"]).optional(),
    auth_value: z.string().optional(),
    allowed_tools: z.array(z.string().min(1)).optional(),
    disallowed_tools: z.array(z.string().min(1)).optional(),
    /** The longest a single tool call may take. */
    call_timeout_s: z.number().positive().optional(),
  })
  .refine((entry) => (entry.command === undefined) !== (entry.url === undefined), {
    message: "give either `command` (a stdio server) or `url` (a remote Streamable HTTP server)",
  });

/** A server name prefixes its tools with `__`, so it may not contain `__` itself. */
function serverNameProblem(name: string): string | undefined {
  if (!/^[A-Za-z0-9][A-Za-z0-9_-]*$/.test(name)) return "a server name is letters, digits, _ and -";
  if (name.includes("__")) return "a server name may not contain `__` (it separates server and tool)";
  return undefined;
}

const mcpServersSchema = z.record(z.string(), mcpServerSchema).superRefine((servers, context) => {
  for (const name of Object.keys(servers)) {
    const problem = serverNameProblem(name);
    if (problem !== undefined) context.addIssue({ code: "custom", path: [name], message: problem });
  }
});

const mcpSettingsSchema = z.strictObject({
  /** List `search_tools` and `call_tool` on `/mcp` instead of every server's tools. */
  tool_search: z.boolean().optional(),
  /**
   * An embeddings model (a route alias or `provider/model`): `search_tools` then ranks by the
   * cosine similarity of embeddings, asked of the gateway's own `/v1/embeddings` path.
   */
  tool_search_model: z.string().min(1).optional(),
  /** A stdio server with no call for this long is stopped (started again by the next call). */
  idle_stop_s: z.number().positive().optional(),
  call_timeout_s: z.number().positive().optional(),
  /** The largest JSON-RPC message a client may send to `/mcp`. */
  max_message_mb: z.number().positive().optional(),
});

export const mcpConfigFileSchema = {
  mcp_servers: mcpServersSchema.optional(),
  mcp: mcpSettingsSchema.optional(),
};

type McpServerEntry = z.infer<typeof mcpServerSchema>;

/** One tool server, normalised: what the MCP gateway (src/mcp/) receives. */
export interface McpServerConfig {
  name: string;
  transport: "stdio" | "http" | "sse";
  command?: string;
  args: string[];
  env: Record<string, string>;
  cwd?: string;
  url?: string;
  /** Sent to a remote server; they hold its secrets and never reach clients. */
  headers: Record<string, string>;
  allowedTools?: string[];
  disallowedTools: string[];
  callTimeoutMs: number;
}

export interface McpConfig {
  servers: McpServerConfig[];
  toolSearch: boolean;
  /** The embeddings model `search_tools` ranks with; BM25 alone without it. */
  toolSearchModel?: string;
  idleStopMs: number;
  maxMessageBytes: number;
}

const defaultIdleStopS = 600;
const defaultCallTimeoutS = 600;
const defaultMaxMessageMb = 4;

/** LiteLLM's `auth_type`/`auth_value` as the header it stands for. */
function authHeader(entry: McpServerEntry): Record<string, string> {
  const value = entry.auth_value;
  if (value === undefined || entry.auth_type === undefined || entry.auth_type === "none") return {};
  if (entry.auth_type === "bearer_token") return { authorization: `Bearer ${value}` };
  if (entry.auth_type === "basic") return { authorization: `Basic ${value}` };
  if (entry.auth_type === "api_key") return { "x-api-key": value };
  return { authorization: value };
}

export function resolveMcpConfig(file: {
  mcp_servers?: Record<string, McpServerEntry>;
  mcp?: z.infer<typeof mcpSettingsSchema>;
}): McpConfig {
  const callTimeoutS = file.mcp?.call_timeout_s ?? defaultCallTimeoutS;
  const servers = Object.entries(file.mcp_servers ?? {}).map(([name, entry]): McpServerConfig => {
    const server: McpServerConfig = {
      name,
      transport: entry.command !== undefined ? "stdio" : entry.transport === "sse" ? "sse" : "http",
      args: entry.args ?? [],
      env: entry.env ?? {},
      headers: { ...entry.static_headers, ...authHeader(entry), ...entry.headers },
      disallowedTools: entry.disallowed_tools ?? [],
      callTimeoutMs: Math.round((entry.call_timeout_s ?? callTimeoutS) * 1000),
    };
    if (entry.command !== undefined) server.command = entry.command;
    if (entry.cwd !== undefined) server.cwd = entry.cwd;
    if (entry.url !== undefined) server.url = entry.url;
    if (entry.allowed_tools !== undefined) server.allowedTools = entry.allowed_tools;
    return server;
  });
  return {
    servers,
    toolSearch: file.mcp?.tool_search ?? false,
    ...(file.mcp?.tool_search_model !== undefined && { toolSearchModel: file.mcp.tool_search_model }),
    idleStopMs: Math.round((file.mcp?.idle_stop_s ?? defaultIdleStopS) * 1000),
    maxMessageBytes: Math.round((file.mcp?.max_message_mb ?? defaultMaxMessageMb) * 1024 * 1024),
  };
}
