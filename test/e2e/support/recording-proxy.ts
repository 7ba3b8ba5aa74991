import { createServer, request as httpRequest, type IncomingHttpHeaders } from "node:http";
import { connect, type Socket } from "node:net";
import { listenOnLoopback } from "../../support/listen-on-loopback.js";

/** One request a real client made, and the status the gateway answered. */
export interface ClientRequest {
  method: string;
  /** Path with query string, as the client sent it. */
  path: string;
  headers: IncomingHttpHeaders;
  status?: number;
  /** The gateway's response headers (what the client saw). */
  responseHeaders?: IncomingHttpHeaders;
  /** True for a WebSocket upgrade attempt. */
  upgrade: boolean;
}

export interface RecordingProxy {
  url: string;
  requests: ClientRequest[];
  close(): Promise<void>;
}

/**
 * Sits between a real client and the gateway and writes down what the client sent (method,
 * path with query string, headers) and what the gateway answered. Bodies flow through untouched;
 * WebSocket upgrades are relayed byte for byte.
 */
export async function startRecordingProxy(targetUrl: string): Promise<RecordingProxy> {
  const target = new URL(targetUrl);
  const requests: ClientRequest[] = [];
  const server = createServer((incoming, outgoing) => {
    const record: ClientRequest = {
      method: incoming.method ?? "GET",
      path: incoming.url ?? "/",
      headers: incoming.headers,
      upgrade: false,
    };
    requests.push(record);
    const forward = httpRequest(
      {
        host: target.hostname,
        port: target.port,
        method: incoming.method,
        path: incoming.url,
        headers: incoming.headers,
      },
      (answer) => {
        record.status = answer.statusCode;
        record.responseHeaders = answer.headers;
        outgoing.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(outgoing);
      },
    );
    forward.on("error", () => outgoing.destroy());
    incoming.pipe(forward);
  });
  server.on("upgrade", (incoming, clientSocket: Socket, head: Buffer) => {
    const record: ClientRequest = {
      method: incoming.method ?? "GET",
      path: incoming.url ?? "/",
      headers: incoming.headers,
      upgrade: true,
    };
    requests.push(record);
    const upstream = connect(Number(target.port), target.hostname, () => {
      const lines = [`${incoming.method} ${incoming.url} HTTP/1.1`];
      for (let index = 0; index < incoming.rawHeaders.length; index += 2) {
        lines.push(`${incoming.rawHeaders[index]}: ${incoming.rawHeaders[index + 1]}`);
      }
      upstream.write(`${lines.join("\r\n")}\r\n\r\n`);
      if (head.length > 0) upstream.write(head);
      upstream.once("data", (first: Buffer) => {
        const status = /^HTTP\/1\.1 (\d{3})/.exec(first.toString("latin1"));
        if (status?.[1] !== undefined) record.status = Number(status[1]);
      });
      upstream.pipe(clientSocket);
      clientSocket.pipe(upstream);
    });
    // The client's socket is closed with the server; its relay to the upstream goes with it.
    clientSocket.on("close", () => upstream.destroy());
    upstream.on("error", () => clientSocket.destroy());
    clientSocket.on("error", () => upstream.destroy());
  });
  const listening = await listenOnLoopback(server);
  return { url: listening.url, requests, close: listening.close };
}
