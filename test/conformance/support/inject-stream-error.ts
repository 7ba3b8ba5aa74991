import { createServer, request as httpRequest } from "node:http";
import type { AddressInfo, Socket } from "node:net";
import type { WireApi } from "../../../src/protocols/wire-api.js";

/**
 * The fake upstream renders only whole answers, so this loopback proxy in front of it cuts a
 * stream after its first half and appends the error event the real API sends when it fails
 * mid-generation. `armNext` arms it for the next streamed answer only.
 */
export interface StreamErrorInjector {
  url: string;
  armNext(message: string): void;
  close(): Promise<void>;
}

/** The in-stream error each API documents. */
export function streamErrorFrame(api: WireApi, message: string): string {
  if (api === "anthropic-messages") {
    return `event: error\ndata: ${JSON.stringify({ type: "error", error: { type: "overloaded_error", message } })}\n\n`;
  }
  if (api === "openai-chat") {
    return `data: ${JSON.stringify({ error: { message, type: "server_error", param: null, code: null } })}\n\n`;
  }
  return `event: error\ndata: ${JSON.stringify({ type: "error", code: "server_error", message, param: null, sequence_number: 999 })}\n\n`;
}

export async function startStreamErrorInjector(options: {
  targetUrl: string;
  api: WireApi;
}): Promise<StreamErrorInjector> {
  const target = new URL(options.targetUrl);
  let armed: string | undefined;
  const sockets = new Set<Socket>();
  const server = createServer((incoming, outgoing) => {
    const forward = httpRequest(
      {
        host: target.hostname,
        port: target.port,
        method: incoming.method,
        path: incoming.url,
        headers: incoming.headers,
      },
      (answer) => {
        const message = armed;
        const isStream = (answer.headers["content-type"] ?? "").includes("text/event-stream");
        if (message === undefined || !isStream) {
          outgoing.writeHead(answer.statusCode ?? 502, answer.headers);
          answer.pipe(outgoing);
          return;
        }
        armed = undefined;
        let text = "";
        answer.setEncoding("utf8").on("data", (chunk: string) => (text += chunk));
        answer.on("end", () => {
          const frames = text.split("\n\n").filter((frame) => frame.trim() !== "");
          const kept = frames.slice(0, Math.max(1, Math.floor(frames.length / 2)));
          outgoing.writeHead(200, { "content-type": "text/event-stream", "cache-control": "no-cache" });
          outgoing.end(`${kept.join("\n\n")}\n\n${streamErrorFrame(options.api, message)}`);
        });
      },
    );
    forward.on("error", () => outgoing.destroy());
    incoming.pipe(forward);
  });
  server.on("connection", (socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    armNext(message) {
      armed = message;
    },
    async close() {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
