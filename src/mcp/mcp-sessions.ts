import { randomUUID } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import type { Server } from "@modelcontextprotocol/sdk/server/index.js";
import { StreamableHTTPServerTransport } from "@modelcontextprotocol/sdk/server/streamableHttp.js";
import type { EventStore } from "@modelcontextprotocol/sdk/server/streamableHttp.js";
import type { SessionScope } from "./tool-catalog.js";

interface Session {
  transport: StreamableHTTPServerTransport;
  server: Server;
  /** What the session serves and for whom; the principal is refreshed on each request. */
  scope: SessionScope;
  /** The endpoint (`/mcp` or `/mcp/<server>`) and key the session was opened with; it serves only those. */
  owner: string;
  lastSeen: number;
}

/**
 * The Streamable HTTP sessions of `/mcp` and `/mcp/<server>`: one SDK transport and server per
 * session (the SDK's model), found again by the `mcp-session-id` header, closed by the client's
 * DELETE or after `idleMs` without a request.
 */
export class McpSessions {
  private readonly sessions = new Map<string, Session>();
  private readonly sweeper: NodeJS.Timeout;

  constructor(private readonly options: { idleMs: number; maxMessageBytes: number; eventStore?: () => EventStore }) {
    this.sweeper = setInterval(() => this.sweep(), Math.min(options.idleMs, 60_000));
    this.sweeper.unref();
  }

  /** The session a request names, if it exists and belongs to the same endpoint and key. */
  find(sessionId: string, owner: string): Session | undefined {
    const session = this.sessions.get(sessionId);
    if (session === undefined || session.owner !== owner) return undefined;
    session.lastSeen = Date.now();
    return session;
  }

  async handle(session: Session, request: IncomingMessage, response: ServerResponse): Promise<void> {
    await session.transport.handleRequest(request, response);
  }

  /** A request without a session id: the SDK accepts it only as `initialize`, which opens a session. */
  async open(options: {
    owner: string;
    scope: SessionScope;
    server: Server;
    request: IncomingMessage;
    response: ServerResponse;
  }): Promise<void> {
    const { owner, scope, server } = options;
    const transport: StreamableHTTPServerTransport = new StreamableHTTPServerTransport({
      sessionIdGenerator: () => randomUUID(),
      maxRequestBodySize: this.options.maxMessageBytes,
      ...(this.options.eventStore !== undefined && { eventStore: this.options.eventStore() }),
      onsessioninitialized: (sessionId) => {
        this.sessions.set(sessionId, { transport, server, scope, owner, lastSeen: Date.now() });
      },
      onsessionclosed: (sessionId) => {
        this.sessions.delete(sessionId);
      },
    });
    transport.onclose = () => {
      if (transport.sessionId !== undefined) this.sessions.delete(transport.sessionId);
    };
    await server.connect(transport);
    await transport.handleRequest(options.request, options.response);
    // Not an initialize request (the SDK answered with an error): nothing to keep.
    if (transport.sessionId === undefined) await server.close();
  }

  size(): number {
    return this.sessions.size;
  }

  async close(): Promise<void> {
    clearInterval(this.sweeper);
    const open = [...this.sessions.values()];
    this.sessions.clear();
    await Promise.allSettled(open.map((session) => session.server.close()));
  }

  private sweep(): void {
    const now = Date.now();
    for (const [sessionId, session] of this.sessions) {
      if (now - session.lastSeen < this.options.idleMs) continue;
      this.sessions.delete(sessionId);
      void session.server.close().catch(() => undefined);
    }
  }
}
