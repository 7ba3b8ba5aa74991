import { execFile } from "node:child_process";
import { connect } from "node:net";
import { Readable } from "node:stream";
import { promisify } from "node:util";
import Anthropic from "@anthropic-ai/sdk";
import OpenAI from "openai";
import { request as undiciRequest } from "undici";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { configFromObject } from "../../src/config/index.js";
import { createSilentLogger } from "../../src/lib/logger.js";
import { startServer, type RunningServer } from "../../src/server/node.js";

/**
 * A body over `server.body_limit_mb` (50 MB by default) is answered 413 in the route's API shape,
 * and every client sees that answer: the gateway reads and discards the rest of the body before
 * closing, so a client still uploading gets the answer and not EPIPE or a reset.
 */
const bodyBytes = 51 * 1024 * 1024;
const message = "The request body is larger than the 50 MB limit (server.body_limit_mb).";

/** A JSON body of 51 MB: one user message whose text fills it. */
function bigBody(fields: Record<string, unknown>): string {
  const head = JSON.stringify({ ...fields, messages: [{ role: "user", content: "" }] });
  const filler = "x".repeat(bodyBytes - head.length);
  return head.replace('"content":""', `"content":"${filler}"`);
}

let server: RunningServer;

beforeAll(async () => {
  server = await startServer({ config: configFromObject({}), port: 0, logger: createSilentLogger() });
});
afterAll(async () => {
  await server.close();
});

describe("a 51 MB body reaches its 413", () => {
  it("fetch (undici) gets the Anthropic error shape on /v1/messages", async () => {
    const response = await fetch(`${server.url}/v1/messages`, {
      method: "POST",
      headers: { "content-type": "application/json", "anthropic-version": "2023-06-01" },
      body: bigBody({ model: "m", max_tokens: 10 }),
    });
    expect(response.status).toBe(413);
    expect(await response.json()).toEqual({
      type: "error",
      error: { type: "request_too_large", message },
    });
  });

  it("undici.request with a streamed body of unknown length (chunked) gets the OpenAI shape", async () => {
    const chunk = Buffer.alloc(1024 * 1024, "x");
    async function* body() {
      yield Buffer.from('{"model":"m","messages":[{"role":"user","content":"');
      for (let index = 0; index < 51; index += 1) yield chunk;
      yield Buffer.from('"}]}');
    }
    const response = await undiciRequest(`${server.url}/v1/chat/completions`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: Readable.from(body()),
    });
    expect(response.statusCode).toBe(413);
    expect(await response.body.json()).toMatchObject({
      error: { message, type: "invalid_request_error", code: "request_too_large" },
    });
  });

  it("the OpenAI SDK gets a 413 APIError in the OpenAI shape, not a connection error, and sends once", async () => {
    let attempts = 0;
    const client = new OpenAI({
      baseURL: `${server.url}/v1`,
      apiKey: "unused",
      maxRetries: 0,
      fetch: (url, init) => {
        attempts += 1;
        return fetch(url, init);
      },
    });
    const failure = await client.chat.completions
      .create({ model: "m", messages: [{ role: "user", content: "x".repeat(bodyBytes) }] })
      .then(
        () => undefined,
        (error: unknown) => error,
      );
    expect(failure).toBeInstanceOf(OpenAI.APIError);
    const apiError = failure as InstanceType<typeof OpenAI.APIError>;
    expect(apiError.status).toBe(413);
    expect(apiError.error).toMatchObject({ message, type: "invalid_request_error", code: "request_too_large" });
    expect(attempts).toBe(1);
  });

  it("the Anthropic SDK gets a 413 APIError in the Anthropic shape, not a connection error, and sends once", async () => {
    let attempts = 0;
    const client = new Anthropic({
      baseURL: server.url,
      apiKey: "unused",
      maxRetries: 0,
      fetch: (url, init) => {
        attempts += 1;
        return fetch(url, init);
      },
    });
    const failure = await client.messages
      .create({ model: "m", max_tokens: 10, messages: [{ role: "user", content: "x".repeat(bodyBytes) }] })
      .then(
        () => undefined,
        (error: unknown) => error,
      );
    expect(failure).toBeInstanceOf(Anthropic.APIError);
    const apiError = failure as InstanceType<typeof Anthropic.APIError>;
    expect(apiError.status).toBe(413);
    expect(apiError.error).toEqual({ type: "error", error: { type: "request_too_large", message } });
    expect(attempts).toBe(1);
  });

  it("a raw socket that writes the whole body before reading gets the 413 on /v1/responses", async () => {
    const body = Buffer.from(bigBody({ model: "m" }));
    const socket = connect(server.port, "127.0.0.1");
    const received: Buffer[] = [];
    const closed = new Promise<Error | undefined>((resolve) => {
      let failure: Error | undefined;
      socket.on("data", (chunk: Buffer) => received.push(chunk));
      socket.on("error", (error) => (failure = error));
      socket.on("close", () => resolve(failure));
    });
    socket.write(
      `POST /v1/responses HTTP/1.1\r\nhost: 127.0.0.1\r\ncontent-type: application/json\r\ncontent-length: ${body.length}\r\n\r\n`,
    );
    // Python's http.client does this: the whole body first, the answer after.
    await new Promise<void>((resolve, reject) => socket.write(body, (error) => (error ? reject(error) : resolve())));
    expect(await closed).toBeUndefined();
    const text = Buffer.concat(received).toString("utf8");
    expect(text).toMatch(/^HTTP\/1\.1 413 Payload Too Large\r\n/);
    expect(text.toLowerCase()).toContain("connection: close");
    const json = JSON.parse(text.slice(text.indexOf("\r\n\r\n") + 4)) as unknown;
    expect(json).toMatchObject({ error: { message, type: "invalid_request_error", code: "request_too_large" } });
  });

  it("Python's http.client, which sends the whole body before reading, gets the 413", async () => {
    const script = [
      "import http.client, json, sys",
      "connection = http.client.HTTPConnection('127.0.0.1', int(sys.argv[1]))",
      'body = b\'{"model":"m","messages":[{"role":"user","content":"\' + b\'x\' * (51 * 1024 * 1024) + b\'"}]}\'',
      "connection.request('POST', '/v1/chat/completions', body, {'content-type': 'application/json'})",
      "response = connection.getresponse()",
      "print(json.dumps({'status': response.status, 'body': json.loads(response.read())}))",
    ].join("\n");
    const { stdout } = await promisify(execFile)("python3", ["-c", script, String(server.port)]);
    expect(JSON.parse(stdout)).toMatchObject({
      status: 413,
      body: { error: { message, type: "invalid_request_error", code: "request_too_large" } },
    });
  });
});

describe("the discarding is bounded", () => {
  it("a client that never stops sending is cut off after four times the limit", async () => {
    const small = await startServer({
      config: configFromObject({ server: { body_limit_mb: 1 } }),
      port: 0,
      logger: createSilentLogger(),
    });
    try {
      const socket = connect(small.port, "127.0.0.1");
      socket.write(
        "POST /v1/messages HTTP/1.1\r\nhost: x\r\ncontent-type: application/json\r\ntransfer-encoding: chunked\r\n\r\n",
      );
      const chunk = Buffer.alloc(64 * 1024, "x");
      const framed = Buffer.concat([Buffer.from(`${chunk.length.toString(16)}\r\n`), chunk, Buffer.from("\r\n")]);
      let written = 0;
      const received: Buffer[] = [];
      socket.on("data", (data: Buffer) => received.push(data));
      const closed = new Promise<void>((resolve) => socket.on("close", () => resolve()));
      socket.on("error", () => undefined);
      // Keeps writing until the gateway closes the connection.
      while (!socket.destroyed && written < 256 * 1024 * 1024) {
        written += framed.length;
        if (!socket.write(framed)) await new Promise((resolve) => setTimeout(resolve, 1));
      }
      await closed;
      expect(written).toBeLessThan(64 * 1024 * 1024);
      expect(Buffer.concat(received).toString("utf8")).toMatch(/^HTTP\/1\.1 413 /);
    } finally {
      await small.close();
    }
  });
});
