import { connect } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { configFromObject } from "../../src/config/index.js";
import { createSilentLogger } from "../../src/lib/logger.js";
import { startServer, type RunningServer } from "../../src/server/node.js";
import { startFakeUpstream, type FakeUpstream } from "../fake-upstream/index.js";

/**
 * CR/LF in anything a client sends can never become a header of ours (to the client or to the
 * upstream), and a request whose framing is ambiguous (Content-Length and Transfer-Encoding
 * both) is refused before it reaches any route: the classic request-smuggling pair.
 */
let upstream: FakeUpstream;
let server: RunningServer;
/** The same providers with a catch-all route, which sends the client's own model name upstream. */
let catchAll: RunningServer;

beforeAll(async () => {
  upstream = await startFakeUpstream({ apiKey: "k", script: () => ({ text: "fine" }) });
  const providers = {
    openai: { type: "openai", base_url: `${upstream.url}/v1`, api_key: "k" },
    anthropic: { type: "anthropic", base_url: upstream.url, api_key: "k" },
  };
  server = await startServer({ config: configFromObject({ providers }), port: 0, logger: createSilentLogger() });
  catchAll = await startServer({
    config: configFromObject({ providers, models: { "*": ["openai/*"] } }),
    port: 0,
    logger: createSilentLogger(),
  });
});
afterAll(async () => {
  await server.close();
  await catchAll.close();
  await upstream.close();
});

/** Sends raw bytes on a fresh connection and returns everything the gateway answered. */
function rawExchange(request: string): Promise<string> {
  return new Promise((resolve) => {
    const socket = connect(server.port, "127.0.0.1");
    const chunks: Buffer[] = [];
    socket.on("data", (chunk: Buffer) => chunks.push(chunk));
    socket.on("error", () => undefined);
    socket.on("close", () => resolve(Buffer.concat(chunks).toString("utf8")));
    socket.end(request);
  });
}

const injected = "gpt-test\r\nx-injected: yes\r\n\r\nHTTP/1.1 200 OK";

describe("CR/LF in a model name cannot inject a header", () => {
  const cases: Array<[string, string, Record<string, unknown>]> = [
    ["explicit passthrough (Chat to an OpenAI upstream)", "/v1/chat/completions", { model: `openai/${injected}` }],
    ["explicit translated (Messages to an OpenAI upstream)", "/v1/messages", { model: `openai/${injected}` }],
    ["explicit passthrough (Messages to an Anthropic upstream)", "/v1/messages", { model: `anthropic/${injected}` }],
    ["the catch-all route", "/v1/chat/completions", { model: injected }],
    ["Responses, streamed", "/v1/responses", { model: `openai/${injected}`, stream: true }],
  ];
  for (const [name, path, fields] of cases) {
    it(name, async () => {
      const callsBefore = upstream.calls.length;
      const body =
        path === "/v1/responses"
          ? { ...fields, input: "hi" }
          : { max_tokens: 10, ...fields, messages: [{ role: "user", content: "hi" }] };
      const gateway = name === "the catch-all route" ? catchAll : server;
      const response = await fetch(`${gateway.url}${path}`, {
        method: "POST",
        headers: { "content-type": "application/json", "anthropic-version": "2023-06-01", "x-api-key": "any" },
        body: JSON.stringify(body),
      });
      await response.text();
      // Served or refused, but never our own failure.
      console.log(
        name,
        response.status,
        upstream.calls.length - callsBefore,
        JSON.stringify([...response.headers]).slice(0, 400),
      );
      expect(response.status).toBeLessThan(500);
      expect(response.headers.get("x-injected")).toBeNull();
      for (const [, value] of response.headers) expect(value).not.toMatch(/[\r\n]/);
      for (const call of upstream.calls.slice(callsBefore)) {
        expect(call.headers["x-injected"]).toBeUndefined();
        for (const value of Object.values(call.headers)) expect(String(value)).not.toMatch(/[\r\n]/);
      }
    });
  }
});

describe("names that cannot be header text", () => {
  it("a model name with CR/LF is refused with 400 naming the field, before any upstream is called", async () => {
    const callsBefore = upstream.calls.length;
    const response = await fetch(`${catchAll.url}/v1/chat/completions`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ model: injected, messages: [{ role: "user", content: "hi" }] }),
    });
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({
      error: {
        message: "model: a model name cannot contain control characters (CR, LF, …).",
        type: "invalid_request_error",
        param: "model",
      },
    });
    expect(upstream.calls.length).toBe(callsBefore);
  });

  it("a non-Latin model name sent through the catch-all is served, named percent-encoded in x-switchboard-model", async () => {
    const model = "模型-😀";
    const response = await fetch(`${catchAll.url}/v1/chat/completions`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ model, messages: [{ role: "user", content: "hi" }] }),
    });
    expect(response.status).toBe(200);
    expect(response.headers.get("x-switchboard-model")).toBe(encodeURIComponent(model));
    expect(upstream.calls.at(-1)?.body).toMatchObject({ model });
  });
});

describe("CR/LF in a header value cannot inject a header", () => {
  for (const [name, separator] of [
    ["a bare LF", "\n"],
    ["a bare CR", "\r"],
  ] as const) {
    it(`${name} inside a header value is refused with 400 before any route`, async () => {
      const callsBefore = upstream.calls.length;
      const body = JSON.stringify({ model: "openai/gpt-test", messages: [{ role: "user", content: "hi" }] });
      const answer = await rawExchange(
        `POST /v1/chat/completions HTTP/1.1\r\nhost: x\r\ncontent-type: application/json\r\nx-note: a${separator}x-injected: yes\r\ncontent-length: ${body.length}\r\n\r\n${body}`,
      );
      expect(answer).toMatch(/^HTTP\/1\.1 400 Bad Request\r\n/);
      expect(upstream.calls.length).toBe(callsBefore);
    });
  }
});

describe("a request with both Content-Length and Transfer-Encoding is refused", () => {
  it("answers 400, closes the connection, and nothing reaches the upstream", async () => {
    const callsBefore = upstream.calls.length;
    const body = JSON.stringify({ model: "openai/gpt-test", messages: [{ role: "user", content: "hi" }] });
    const chunked = `${body.length.toString(16)}\r\n${body}\r\n0\r\n\r\n`;
    const answer = await rawExchange(
      `POST /v1/chat/completions HTTP/1.1\r\nhost: x\r\ncontent-type: application/json\r\ncontent-length: ${body.length}\r\ntransfer-encoding: chunked\r\n\r\n${chunked}`,
    );
    expect(answer).toMatch(/^HTTP\/1\.1 400 Bad Request\r\n/);
    // rawExchange resolves when the gateway closes the connection.
    // One answer only: the body was not read as a second, smuggled request.
    expect(answer.match(/HTTP\/1\.1 /g)).toHaveLength(1);
    expect(upstream.calls.length).toBe(callsBefore);
  });
});
