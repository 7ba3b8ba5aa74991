import { execFile } from "node:child_process";
import { mkdtemp, readFile } from "node:fs/promises";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import { createServer as createTlsServer } from "node:https";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { configFromObject } from "../../src/config/index.js";
import { createSilentLogger } from "../../src/lib/logger.js";
import { startServer, type RunningServer } from "../../src/server/node.js";
import { listenOnLoopback, type LoopbackServer } from "../support/listen-on-loopback.js";

/** An upstream whose every answer is written by hand: the faults the fake upstream has no switch for. */
export type RawHandler = (request: IncomingMessage, response: ServerResponse, body: string) => void;

export async function startRawUpstream(handler: RawHandler): Promise<LoopbackServer> {
  return listenOnLoopback(
    createServer((request, response) => {
      let body = "";
      request.on("data", (chunk: Buffer) => (body += chunk.toString("utf8")));
      request.on("end", () => handler(request, response, body));
    }),
  );
}

/** An HTTPS upstream whose certificate is self-signed: no system trusts it. Made with openssl, here and now. */
export async function startUntrustedTlsUpstream(handler: RawHandler): Promise<LoopbackServer> {
  const folder = await mkdtemp(join(tmpdir(), "switchboard-untrusted-"));
  const key = join(folder, "key.pem");
  const cert = join(folder, "cert.pem");
  await promisify(execFile)("openssl", [
    "req",
    "-x509",
    "-newkey",
    "rsa:2048",
    "-nodes",
    "-keyout",
    key,
    "-out",
    cert,
    "-days",
    "2",
    "-subj",
    "/CN=127.0.0.1",
    "-addext",
    "subjectAltName=IP:127.0.0.1",
  ]);
  const server = createTlsServer({ key: await readFile(key), cert: await readFile(cert) }, (request, response) => {
    let body = "";
    request.on("data", (chunk: Buffer) => (body += chunk.toString("utf8")));
    request.on("end", () => handler(request, response, body));
  });
  const listening = await listenOnLoopback(server);
  return { ...listening, url: listening.url.replace("http:", "https:") };
}

/**
 * A gateway with one OpenAI provider `up` at `baseUrl` serving model `m` over Chat Completions, no retries: a
 * client on /v1/chat/completions is passed through, one on /v1/messages is translated.
 */
export async function startGatewayFor(baseUrl: string): Promise<RunningServer> {
  const config = configFromObject({
    router: { retries: 0 },
    providers: {
      up: { type: "openai", base_url: `${baseUrl}/v1`, api_key: "k", models: [{ id: "m", apis: ["openai-chat"] }] },
    },
  });
  return startServer({ config, port: 0, logger: createSilentLogger() });
}

export interface ClientAnswer {
  status: number;
  contentType: string | null;
  text: string;
}

/** One request as Claude Code (Messages) or an OpenAI SDK (Chat) would send it, read to the end. */
export async function ask(
  gateway: RunningServer,
  api: "chat" | "messages",
  options: { stream: boolean },
): Promise<ClientAnswer> {
  const messages = [{ role: "user", content: "hi" }];
  const response = await fetch(`${gateway.url}${api === "chat" ? "/v1/chat/completions" : "/v1/messages"}`, {
    method: "POST",
    headers: { "content-type": "application/json", "anthropic-version": "2023-06-01" },
    body: JSON.stringify({ model: "up/m", max_tokens: 50, stream: options.stream, messages }),
  });
  return { status: response.status, contentType: response.headers.get("content-type"), text: await response.text() };
}

/** The first two events of an OpenAI Chat stream, as an upstream sends them before a fault. */
export const chatStreamStart = [
  `data: ${JSON.stringify({ id: "c1", object: "chat.completion.chunk", created: 1, model: "m", choices: [{ index: 0, delta: { role: "assistant", content: "" }, finish_reason: null }] })}\n\n`,
  `data: ${JSON.stringify({ id: "c1", object: "chat.completion.chunk", created: 1, model: "m", choices: [{ index: 0, delta: { content: "Hello" }, finish_reason: null }] })}\n\n`,
];
