import { createServer as createNetServer, type Server as NetServer, type Socket } from "node:net";
import { getEventListeners } from "node:events";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, afterEach, describe, expect, it } from "vitest";
import { GatewayError } from "../errors/index.js";
import { sendUpstream } from "./send-upstream.js";
import { UpstreamBody } from "./upstream-body.js";
import { closeUpstreamAgents, getUpstreamPool, splitUrl } from "./upstream-agent.js";

type Handler = (request: IncomingMessage, response: ServerResponse) => void;

const servers: Array<Server | NetServer> = [];
const sockets = new Set<Socket>();

async function listen(handler: Handler): Promise<string> {
  const server = createServer(handler);
  server.on("connection", (socket) => sockets.add(socket));
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

afterEach(async () => {
  for (const socket of sockets) socket.destroy();
  sockets.clear();
  await Promise.all(servers.splice(0).map((server) => new Promise((resolve) => server.close(resolve))));
});
afterAll(closeUpstreamAgents);

const timeouts = { connectMs: 2_000, firstByteMs: 2_000, idleMs: 2_000 };
const shortTimeouts = { connectMs: 100, firstByteMs: 100, idleMs: 100 };

async function failureOf(promise: Promise<unknown>): Promise<GatewayError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof GatewayError) return error;
    throw error;
  }
  throw new Error("expected a failure");
}

async function collect(body: AsyncIterable<unknown>): Promise<string> {
  let text = "";
  for await (const chunk of body) text += String(chunk);
  return text;
}

describe("sendUpstream", () => {
  it("streams a 2xx body chunk by chunk and passes the request through", async () => {
    let release: () => void = () => undefined;
    const released = new Promise<void>((resolve) => (release = resolve));
    let received = "";
    const url = await listen((request, response) => {
      request.on("data", (chunk: Buffer) => (received += chunk.toString()));
      request.on("end", () => {
        response.writeHead(200, { "content-type": "text/event-stream", "x-request-id": "abc" });
        response.write("data: first\n\n");
        void released.then(() => response.end("data: second\n\n"));
      });
    });
    const result = await sendUpstream({ provider: "test", url: `${url}/v1/x`, headers: {}, body: "{}", timeouts });
    expect(result.status).toBe(200);
    expect(result.headers["x-request-id"]).toBe("abc");
    const iterator = result.body[Symbol.asyncIterator]();
    const first = await iterator.next();
    // The first chunk arrives while the server still holds the second: nothing is buffered whole.
    expect(String(first.value)).toBe("data: first\n\n");
    release();
    expect(String((await iterator.next()).value)).toBe("data: second\n\n");
    expect(received).toBe("{}");
  });

  it("tells when the first chunk is in, and keeps it for the reader: every byte arrives, once", async () => {
    let release: () => void = () => undefined;
    const released = new Promise<void>((resolve) => (release = resolve));
    const url = await listen((_request, response) => {
      response.writeHead(200, { "content-type": "text/event-stream" });
      response.write("data: first\n\n");
      void released.then(() => response.end("data: second\n\n"));
    });
    const result = await sendUpstream({ provider: "test", url, headers: {}, body: "{}", timeouts });
    expect(result.body).toBeInstanceOf(UpstreamBody);
    const body = result.body as UpstreamBody;
    // Resolved while the server still holds the rest; handed over once.
    expect(String(await body.takeFirstChunk())).toBe("data: first\n\n");
    expect(() => body.takeFirstChunk()).toThrow(/taken once/);
    release();
    expect(await collect(body)).toBe("data: first\n\ndata: second\n\n");
  });

  it("first chunk: null for a body that ends empty, the classified failure for one that breaks first", async () => {
    const empty = await listen((_request, response) => response.writeHead(200).end());
    const ended = (await sendUpstream({ provider: "test", url: empty, headers: {}, timeouts })).body as UpstreamBody;
    expect(await ended.takeFirstChunk()).toBeNull();

    const silent = await listen((_request, response) => {
      response.writeHead(200, { "content-type": "text/event-stream" });
      response.flushHeaders();
    });
    const result = await sendUpstream({ provider: "silent", url: silent, headers: {}, timeouts: shortTimeouts });
    // Nobody reads the body but `takeFirstChunk`: the failure must come through it, not as an unhandled error.
    const error = await failureOf((result.body as UpstreamBody).takeFirstChunk());
    expect(error.code).toBe("upstream_timeout");
    expect(error.upstream?.provider).toBe("silent");
  });

  it("shares one keep-alive pool per origin and timeouts setting", () => {
    const origin = "http://127.0.0.1:9";
    expect(getUpstreamPool(origin, { ...timeouts })).toBe(getUpstreamPool(origin, { ...timeouts }));
    expect(getUpstreamPool(origin, timeouts)).not.toBe(getUpstreamPool(origin, shortTimeouts));
    expect(getUpstreamPool(origin, timeouts)).not.toBe(getUpstreamPool("http://127.0.0.1:10", timeouts));
  });

  it("splits upstream URLs into origin and path, query kept", () => {
    expect(splitUrl("https://api.example.com/v1/chat/completions?beta=true")).toEqual({
      origin: "https://api.example.com",
      path: "/v1/chat/completions?beta=true",
    });
    expect(splitUrl("http://127.0.0.1:8080")).toEqual({ origin: "http://127.0.0.1:8080", path: "/" });
    // Unusual forms go through URL: credentials, a query without a path.
    expect(splitUrl("http://host.example?x=1")).toEqual({ origin: "http://host.example", path: "/?x=1" });
    expect(splitUrl("https://user@gitlab.example.com/api/v4")).toEqual({
      origin: "https://gitlab.example.com",
      path: "/api/v4",
    });
  });

  it("times out waiting for the first byte", async () => {
    const url = await listen(() => undefined);
    const error = await failureOf(sendUpstream({ provider: "slow", url, headers: {}, timeouts: shortTimeouts }));
    expect(error.code).toBe("upstream_timeout");
    expect(error.message).toContain("first byte");
  });

  it("times out when the body goes idle between chunks", async () => {
    const url = await listen((_request, response) => {
      response.writeHead(200, { "content-type": "text/event-stream" });
      response.write("data: one\n\n");
    });
    const result = await sendUpstream({ provider: "idle", url, headers: {}, timeouts: shortTimeouts });
    const error = await failureOf(collect(result.body));
    expect(error.code).toBe("upstream_timeout");
    expect(error.message).toContain("next chunk");
  });

  it("times out connecting when the handshake never completes", async () => {
    // A TLS handshake to a silent TCP server never finishes, which is what a stuck connect looks like.
    const server = createNetServer((socket) => sockets.add(socket));
    servers.push(server);
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const url = `https://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const error = await failureOf(sendUpstream({ provider: "stuck", url, headers: {}, timeouts: shortTimeouts }));
    expect(error.code).toBe("upstream_timeout");
    expect(error.message).toContain("connecting");
  });

  it("reports a refused connection as upstream_unavailable", async () => {
    const url = await listen(() => undefined);
    await Promise.all(servers.splice(0).map((server) => new Promise((resolve) => server.close(resolve))));
    const error = await failureOf(sendUpstream({ provider: "gone", url, headers: {}, timeouts }));
    expect(error.code).toBe("upstream_unavailable");
    expect(error.message).toContain("ECONNREFUSED");
  });

  it("reports a reset connection as upstream_unavailable", async () => {
    const url = await listen((request) => request.socket.destroy());
    const error = await failureOf(sendUpstream({ provider: "reset", url, headers: {}, timeouts }));
    expect(error.code).toBe("upstream_unavailable");
  });

  it("skips an informational 1xx answer and takes the real one after it", async () => {
    const url = await listen((_request, response) => {
      response.writeEarlyHints({ link: "</style.css>; rel=preload" });
      response.writeHead(200, { "content-type": "text/event-stream" });
      response.end("data: after hints\n\n");
    });
    const result = await sendUpstream({ provider: "test", url, headers: {}, timeouts });
    expect(result.status).toBe(200);
    expect(result.headers["content-type"]).toBe("text/event-stream");
    expect(await collect(result.body)).toBe("data: after hints\n\n");
  });

  it("holds a fast upstream back while nobody reads: the body buffers little, and every byte still arrives", async () => {
    const chunk = "x".repeat(64 * 1024);
    const total = 8 * 1024 * 1024;
    let written = 0;
    let heldBack = false;
    const url = await listen((_request, response) => {
      response.writeHead(200, { "content-type": "application/octet-stream" });
      const writeMore = () => {
        while (written < total) {
          written += chunk.length;
          if (!response.write(chunk)) {
            heldBack = true;
            response.once("drain", writeMore);
            return;
          }
        }
        response.end();
      };
      writeMore();
    });
    const result = await sendUpstream({ provider: "test", url, headers: {}, timeouts });
    await new Promise((resolve) => setTimeout(resolve, 200));
    // Paused at the body's high-water mark: the socket and the kernel hold the rest, not our heap.
    expect(heldBack).toBe(true);
    expect(written).toBeLessThan(total);
    expect(result.body.readableLength).toBeLessThanOrEqual(256 * 1024);
    let received = 0;
    for await (const part of result.body) received += (part as Buffer).length;
    expect(received).toBe(total);
  });

  it("stops listening to the request's signal once the answer is over", async () => {
    const url = await listen((_request, response) => response.end("{}"));
    const controller = new AbortController();
    const result = await sendUpstream({ provider: "p", url, headers: {}, timeouts, signal: controller.signal });
    expect(getEventListeners(controller.signal, "abort")).toHaveLength(1);
    expect(await collect(result.body)).toBe("{}");
    await new Promise((resolve) => setImmediate(resolve));
    expect(getEventListeners(controller.signal, "abort")).toHaveLength(0);
  });

  it("refuses at once, without a connection, when the signal has already fired", async () => {
    let connections = 0;
    const url = await listen((_request, response) => response.end("{}"));
    servers[servers.length - 1]!.on("connection", () => connections++);
    const controller = new AbortController();
    controller.abort();
    expect(
      (await failureOf(sendUpstream({ provider: "p", url, headers: {}, timeouts, signal: controller.signal }))).code,
    ).toBe("client_closed");
    expect(connections).toBe(0);
  });

  it("aborts the socket at once when the signal fires", async () => {
    let serverSawClose: () => void = () => undefined;
    const closed = new Promise<void>((resolve) => (serverSawClose = resolve));
    const url = await listen((request, response) => {
      response.writeHead(200, { "content-type": "text/event-stream" });
      response.write("data: one\n\n");
      request.socket.on("close", serverSawClose);
    });
    const controller = new AbortController();
    const result = await sendUpstream({ provider: "p", url, headers: {}, timeouts, signal: controller.signal });
    const reading = failureOf(collect(result.body));
    controller.abort();
    expect((await reading).code).toBe("client_closed");
    await closed;
  });

  it("closes the upstream connection when the reader destroys the body", async () => {
    let serverSawClose: () => void = () => undefined;
    const closed = new Promise<void>((resolve) => (serverSawClose = resolve));
    const url = await listen((request, response) => {
      response.writeHead(200, { "content-type": "text/event-stream" });
      response.write("data: one\n\n");
      request.socket.on("close", serverSawClose);
    });
    const result = await sendUpstream({ provider: "p", url, headers: {}, timeouts });
    await result.body[Symbol.asyncIterator]().next();
    result.body.destroy();
    await closed;
  });

  it("reports an abort before the answer as client_closed", async () => {
    const url = await listen(() => undefined);
    const controller = new AbortController();
    const pending = sendUpstream({ provider: "p", url, headers: {}, timeouts, signal: controller.signal });
    controller.abort();
    expect((await failureOf(pending)).code).toBe("client_closed");
  });

  it("gives up at once when the signal fires while the connection is still being made", async () => {
    // A TLS handshake to a silent TCP server never completes: the request waits in the pool.
    const server = createNetServer((socket) => sockets.add(socket));
    servers.push(server);
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const url = `https://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const controller = new AbortController();
    const slowConnect = { connectMs: 60_000, firstByteMs: 60_000, idleMs: 60_000 };
    const pending = sendUpstream({ provider: "p", url, headers: {}, timeouts: slowConnect, signal: controller.signal });
    setTimeout(() => controller.abort(), 50);
    // Not after the 60 s connect timeout: the test's own 5 s limit would fail first.
    expect((await failureOf(pending)).code).toBe("client_closed");
  });

  it("classifies a 429 and passes its retry-after on", async () => {
    const url = await listen((_request, response) => {
      response.writeHead(429, { "content-type": "application/json", "retry-after-ms": "1500" });
      response.end(
        JSON.stringify({ error: { message: "Rate limit reached", type: "requests", code: "rate_limit_exceeded" } }),
      );
    });
    const error = await failureOf(sendUpstream({ provider: "openai", url, headers: {}, timeouts }));
    expect(error.code).toBe("rate_limited");
    expect(error.upstream?.retryAfter).toBe(1.5);
    expect(error.headers["retry-after"]).toBe("2");
    expect(error.message).toContain("Rate limit reached");
  });

  it("reads only the start of a huge error body and never echoes the key", async () => {
    const url = await listen((_request, response) => {
      response.writeHead(400, { "content-type": "text/plain" });
      response.end(`bad key sk-secret-123456 ${"x".repeat(200_000)}`);
    });
    const error = await failureOf(
      sendUpstream({ provider: "p", url, headers: {}, timeouts, secrets: ["sk-secret-123456"] }),
    );
    expect(error.code).toBe("invalid_request");
    expect(error.message).not.toContain("sk-secret");
    expect(error.message.length).toBeLessThanOrEqual(64 * 1024 + 10);
  });

  it("lets a provider's own rule classify first", async () => {
    const url = await listen((_request, response) => {
      response.writeHead(400, { "content-type": "application/json" });
      response.end(JSON.stringify({ error: { message: "model_not_supported" } }));
    });
    const error = await failureOf(
      sendUpstream({
        provider: "copilot",
        url,
        headers: {},
        timeouts,
        errorRules: [
          (facts) => (facts.message === "model_not_supported" ? new GatewayError("model_not_found", "no") : undefined),
        ],
      }),
    );
    expect(error.code).toBe("model_not_found");
  });
});
