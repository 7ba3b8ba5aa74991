import { Writable } from "node:stream";
import { describe, expect, it, vi } from "vitest";
import { configFromObject } from "../config/load-config.js";
import { createLogger, createSilentLogger, type Logger } from "../lib/logger.js";
import { createMemoryUsageSink } from "../store/log-usage-sink.js";
import { createGateway } from "./gateway.js";
import type { GatewayInput } from "./gateway-types.js";
import { fakeProvider, jsonResponse } from "./testing/fake-provider.js";

/** An upstream that answers only when its request is cancelled (it then rejects, as undici does). */
function hangingProvider() {
  return fakeProvider({
    id: "slow",
    models: [{ id: "m", apis: ["openai-chat"] }],
    respond: (request) =>
      new Promise((_, reject) => {
        request.signal?.addEventListener("abort", () => reject(request.signal?.reason), { once: true });
      }),
  });
}

function setup(provider: ReturnType<typeof fakeProvider>, logger: Logger = createSilentLogger()) {
  const usage = createMemoryUsageSink();
  const gateway = createGateway({
    config: configFromObject({ router: { deadline_s: 0.05, retries: 0 } }),
    providers: new Map([[provider.id, provider]]),
    usageSink: usage,
    logger,
  });
  return { gateway, usage };
}

function input(controller: AbortController, own: boolean): GatewayInput {
  const body = { model: "slow/m", messages: [{ role: "user", content: "hi" }] };
  return {
    clientApi: "openai-chat",
    body,
    rawBody: Buffer.from(JSON.stringify(body)),
    query: "",
    headers: {},
    signal: controller.signal,
    ...(own ? { abort: (reason: unknown) => controller.abort(reason) } : {}),
    requestId: "req_signal",
  };
}

describe("the request's signal and the route's deadline", () => {
  it.each([
    ["a signal of its own (HTTP): the deadline aborts it", true],
    ["a shared signal (WebSocket): the deadline aborts a signal derived from it", false],
  ])("%s; the upstream is cancelled and the record says timeout, not client_closed", async (_, own) => {
    const provider = hangingProvider();
    const { gateway, usage } = setup(provider);
    const controller = new AbortController();
    const reply = await gateway.handle(input(controller, own));
    expect(reply.status).toBe(504);
    expect(provider.requests[0]?.signal?.aborted).toBe(true);
    // Only the request's own signal is aborted; a shared one must outlive the request.
    expect(controller.signal.aborted).toBe(own);
    await vi.waitFor(() => expect(usage.records).toHaveLength(1));
    expect(usage.records[0]?.errorCode).toBe("upstream_timeout");
  });

  it("a client that leaves is still recorded as client_closed, with a signal of its own", async () => {
    const provider = fakeProvider({
      id: "slow",
      models: [{ id: "m", apis: ["openai-chat"] }],
      respond: (request) =>
        new Promise((resolve) => {
          request.signal?.addEventListener("abort", () => resolve(jsonResponse({})), { once: true });
        }),
    });
    const lines: Array<{ level: number; msg: string }> = [];
    const destination = new Writable({
      write(chunk: Buffer, _encoding, done) {
        lines.push(JSON.parse(chunk.toString("utf8")) as { level: number; msg: string });
        done();
      },
    });
    const { gateway, usage } = setup(provider, createLogger({ level: "debug", destination }));
    const controller = new AbortController();
    const replying = gateway.handle(input(controller, true));
    controller.abort();
    await replying;
    await vi.waitFor(() => expect(usage.records).toHaveLength(1));
    expect(usage.records[0]?.errorCode).toBe("client_closed");
    // A cancel is the client's choice: logged at debug as such, never as an upstream's refusal.
    expect(lines.map((line) => [line.level, line.msg])).toEqual([
      [20, "the client closed the connection before the answer"],
    ]);
  });
});
