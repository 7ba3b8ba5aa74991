import { setMaxListeners } from "node:events";
import type { Readable } from "node:stream";
import { SSEClientTransport } from "@modelcontextprotocol/sdk/client/sse.js";
import { StdioClientTransport } from "@modelcontextprotocol/sdk/client/stdio.js";
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";
import type { Transport } from "@modelcontextprotocol/sdk/shared/transport.js";
import type { McpServerConfig } from "../config/mcp-schema.js";

export interface OpenedTransport {
  transport: Transport;
  /** The child's stderr (stdio servers), read for crash reports. */
  stderr?: Readable;
  /** The child's process id once started (stdio servers). */
  pid(): number | undefined;
}

const quieted = new WeakSet<AbortSignal>();

/**
 * `fetch` for the SDK's HTTP client transports. They pass one long-lived signal to every request,
 * and each request adds an abort listener to it that undici removes only when the request is
 * garbage-collected; past 1,500 listeners Node prints a warning with a stack trace on every
 * request, which on a busy remote server cost more than the call itself (bench/mcp-overhead.ts).
 * The listeners stay bounded by the garbage collector, so the warning is switched off for it.
 */
export const quietFetch: typeof fetch = (input, init) => {
  const signal = init?.signal;
  if (signal !== undefined && signal !== null && !quieted.has(signal)) {
    setMaxListeners(0, signal);
    quieted.add(signal);
  }
  return fetch(input, init);
};

/**
 * The SDK client transport toward one configured server. A stdio child gets the SDK's default
 * environment (PATH, HOME, …) plus its own `env`, never the gateway's whole environment, so the
 * gateway's secrets do not leak into tool servers.
 */
export function openClientTransport(server: McpServerConfig): OpenedTransport {
  if (server.transport === "stdio") {
    const transport = new StdioClientTransport({
      command: server.command ?? "",
      args: server.args,
      env: server.env,
      stderr: "pipe",
      ...(server.cwd !== undefined && { cwd: server.cwd }),
    });
    return {
      transport,
      stderr: (transport.stderr as Readable | null) ?? undefined,
      pid: () => transport.pid ?? undefined,
    };
  }
  const url = new URL(server.url ?? "");
  const requestInit = { headers: server.headers };
  const transport =
    server.transport === "sse"
      ? new SSEClientTransport(url, { requestInit, fetch: quietFetch })
      : new StreamableHTTPClientTransport(url, { requestInit, fetch: quietFetch });
  return { transport, pid: () => undefined };
}
