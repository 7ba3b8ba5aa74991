import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StreamableHTTPError } from "@modelcontextprotocol/sdk/client/streamableHttp.js";
import { ErrorCode, ToolListChangedNotificationSchema, type Tool } from "@modelcontextprotocol/sdk/types.js";
import type { McpServerConfig } from "../config/mcp-schema.js";
import type { Logger } from "../lib/logger.js";
import { mcpError } from "./mcp-errors.js";
import { interceptProgress, type ProgressListeners, type ProgressParams } from "./intercept-progress.js";
import { openClientTransport } from "./open-client-transport.js";

export type ServerStateName = "stopped" | "starting" | "running" | "crashed";

/** What the dashboard and `switchboard doctor` show for one server. */
export interface ServerState {
  name: string;
  transport: McpServerConfig["transport"];
  state: ServerStateName;
  pid?: number;
  /** Unexpected exits and failed starts since the last successful call. */
  consecutiveFailures: number;
  restarts: number;
  lastError?: string;
  /** The last lines the server wrote to stderr (stdio servers). */
  stderrTail: string[];
}

export interface ServerConnectionOptions {
  server: McpServerConfig;
  logger: Logger;
  idleStopMs: number;
  /** First restart delay after a crash; doubles per consecutive failure up to `maxBackoffMs`. */
  backoffBaseMs?: number;
  maxBackoffMs?: number;
}

const stderrLines = 20;

/** An HTTP status from a remote server's transport, or fetch failing to connect (a `TypeError`). */
function isLinkFailure(error: unknown): boolean {
  return error instanceof StreamableHTTPError || error instanceof TypeError;
}

/**
 * One configured tool server, supervised: started on the first call, restarted after a crash
 * with exponential backoff (the next call waits out the delay, then starts it again), stopped
 * when idle. A crash is logged with the server's last stderr lines and fails only the calls in
 * flight on it; it never reaches the gateway's process.
 */
export class ServerConnection {
  readonly name: string;
  /** Replaced by a reload that changes only what the gateway reads (the tool filters, the call timeout). */
  server: McpServerConfig;
  private client: Client | undefined;
  private connecting: Promise<Client> | undefined;
  private toolsCache: Promise<Tool[]> | undefined;
  private inFlight = 0;
  private idleTimer: NodeJS.Timeout | undefined;
  private stopping = false;
  /** Why a reload took this server away; once set, it is never started again. */
  private retiredBecause: string | undefined;
  private nextAttemptAt = 0;
  private pid: () => number | undefined = () => undefined;
  private readonly status: ServerState;
  private readonly progressListeners: ProgressListeners = new Map();

  constructor(private readonly options: ServerConnectionOptions) {
    this.server = options.server;
    this.name = options.server.name;
    this.status = {
      name: this.name,
      transport: this.server.transport,
      state: "stopped",
      consecutiveFailures: 0,
      restarts: 0,
      stderrTail: [],
    };
  }

  state(): ServerState {
    const pid = this.client === undefined ? undefined : this.pid();
    return { ...this.status, stderrTail: [...this.status.stderrTail], ...(pid !== undefined && { pid }) };
  }

  /** Runs `work` with a connected client, keeping the server from being stopped as idle meanwhile. */
  async use<T>(work: (client: Client) => Promise<T>): Promise<T> {
    this.inFlight += 1;
    clearTimeout(this.idleTimer);
    try {
      const client = await this.connect();
      const result = await work(client).catch((error: unknown) => {
        // Not an answer of the server but a failure of the link (a remote that restarted and forgot
        // our session, a refused connection): drop the client so that the next call connects afresh.
        if (isLinkFailure(error) && this.client === client) void this.stop();
        throw error;
      });
      this.status.consecutiveFailures = 0;
      return result;
    } finally {
      this.inFlight -= 1;
      if (this.inFlight === 0) this.armIdleStop();
    }
  }

  /** Every tool of the server (all pages), cached until it says its list changed or restarts. */
  tools(): Promise<Tool[]> {
    this.toolsCache ??= this.use(async (client) => {
      const tools: Tool[] = [];
      let cursor: string | undefined;
      do {
        const page = await client.listTools(cursor === undefined ? {} : { cursor });
        tools.push(...page.tools);
        cursor = page.nextCursor;
      } while (cursor !== undefined);
      return tools;
    }).catch((error: unknown) => {
      this.toolsCache = undefined;
      throw error;
    });
    return this.toolsCache;
  }

  async close(): Promise<void> {
    clearTimeout(this.idleTimer);
    await this.stop();
  }

  /**
   * Stops the server for good (a reload removed or replaced it): a session that still holds this
   * connection gets `reason` as its error instead of starting the process again.
   */
  async retire(reason: string): Promise<void> {
    this.retiredBecause = reason;
    await this.close();
  }

  isRetired(): boolean {
    return this.retiredBecause !== undefined;
  }

  /** Why a reload stopped this server for good; undefined while it is configured. */
  retiredReason(): string | undefined {
    return this.retiredBecause;
  }

  private connect(): Promise<Client> {
    if (this.retiredBecause !== undefined) {
      return Promise.reject(
        mcpError(ErrorCode.InvalidParams, this.retiredBecause, { server: this.name, reason: "server_removed" }),
      );
    }
    if (this.client !== undefined) return Promise.resolve(this.client);
    this.connecting ??= this.start().finally(() => (this.connecting = undefined));
    return this.connecting;
  }

  private async start(): Promise<Client> {
    const wait = this.nextAttemptAt - Date.now();
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    const restarting = this.status.state === "crashed";
    this.status.state = "starting";
    const opened = openClientTransport(this.server);
    opened.stderr?.on("data", (chunk: Buffer) => this.keepStderr(chunk));
    const client = new Client({ name: "switchboard", version: "0.1.0" }, { capabilities: {} });
    client.setNotificationHandler(ToolListChangedNotificationSchema, () => {
      this.toolsCache = undefined;
    });
    client.onclose = () => this.closed(client);
    try {
      await client.connect(opened.transport);
      interceptProgress(opened.transport, this.progressListeners);
    } catch (error) {
      this.failed(`could not start: ${(error as Error).message}`);
      this.pid = () => undefined;
      await client.close().catch(() => undefined);
      throw error;
    }
    if (this.retiredBecause !== undefined) {
      // Retired while starting: this process is not kept.
      await client.close().catch(() => undefined);
      throw mcpError(ErrorCode.InvalidParams, this.retiredBecause, { server: this.name, reason: "server_removed" });
    }
    if (restarting) this.status.restarts += 1;
    this.client = client;
    this.pid = opened.pid;
    this.toolsCache = undefined;
    this.status.state = "running";
    return client;
  }

  /**
   * Calls `listener` with each progress notification the server sends for `token`, in order and
   * before the result that follows them. The SDK's own `onprogress` hands notifications over a
   * microtask later than responses, and drops the last one when it arrives with the result.
   */
  onProgress(token: string, listener: (params: ProgressParams) => void): () => void {
    this.progressListeners.set(token, listener);
    return () => this.progressListeners.delete(token);
  }

  private closed(client: Client): void {
    if (this.client !== client) return;
    this.client = undefined;
    this.toolsCache = undefined;
    if (this.stopping) {
      this.status.state = "stopped";
      return;
    }
    this.failed("exited unexpectedly");
  }

  private failed(reason: string): void {
    this.status.state = "crashed";
    this.status.consecutiveFailures += 1;
    this.status.lastError = reason;
    const base = this.options.backoffBaseMs ?? 250;
    const delay = Math.min(base * 2 ** (this.status.consecutiveFailures - 1), this.options.maxBackoffMs ?? 30_000);
    this.nextAttemptAt = Date.now() + delay;
    this.options.logger.warn(
      { mcpServer: this.name, reason, retryInMs: delay, stderr: this.status.stderrTail.slice(-5) },
      "mcp server failed",
    );
  }

  private keepStderr(chunk: Buffer): void {
    const lines = chunk
      .toString("utf8")
      .split("\n")
      .filter((line) => line.trim() !== "");
    this.status.stderrTail.push(...lines);
    this.status.stderrTail.splice(0, Math.max(0, this.status.stderrTail.length - stderrLines));
  }

  private armIdleStop(): void {
    clearTimeout(this.idleTimer);
    this.idleTimer = setTimeout(() => void this.stop(), this.options.idleStopMs);
    this.idleTimer.unref();
  }

  private async stop(): Promise<void> {
    const client = this.client;
    if (client === undefined) return;
    this.stopping = true;
    try {
      await client.close();
    } finally {
      this.stopping = false;
      this.client = undefined;
      this.status.state = "stopped";
    }
  }
}
