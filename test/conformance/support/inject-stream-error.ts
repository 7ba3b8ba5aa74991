import { createServer, request as httpRequest } from "node:http";
import { listenOnLoopback } from "../../support/listen-on-loopback.js";
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
  const listening = await listenOnLoopback(server);
  return {
    url: listening.url,
    armNext(message) {
      armed = message;
    },
    close: listening.close,
  };
}
