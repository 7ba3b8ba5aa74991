import { Readable } from "node:stream";
import { describe, expect, it } from "vitest";
import { configFromObject } from "../config/load-config.js";
import type { LoadedConfig } from "../config/load-config.js";
import { ConfigError } from "../config/config-error.js";
import { createSilentLogger } from "../lib/logger.js";
import { createMemoryUsageSink } from "../store/log-usage-sink.js";
import { createGateway } from "./gateway.js";
import { pipeChunks } from "./stream/chunk-pipe.js";
import type { GatewayReply } from "./gateway-types.js";
import { reloadConfig } from "./reload-config.js";
import { fakeProvider, jsonResponse, type FakeProvider } from "./testing/fake-provider.js";

const chunks = [
  'event: message_start\ndata: {"type":"message_start","message":{"id":"msg_1","type":"message","role":"assistant","model":"m","content":[],"stop_reason":null,"usage":{"input_tokens":1,"output_tokens":1}}}\n\n',
  'event: message_delta\ndata: {"type":"message_delta","delta":{"stop_reason":"end_turn","stop_sequence":null},"usage":{"output_tokens":1}}\n\n',
  'event: message_stop\ndata: {"type":"message_stop"}\n\n',
];

/** A provider whose stream sends its first event, then waits for `release`. */
function heldStreamProvider(id: string): FakeProvider & { release: () => void; closed: boolean } {
  let release: () => void = () => undefined;
  const held = new Promise<void>((resolve) => (release = resolve));
  async function* body(): AsyncGenerator<Buffer> {
    yield Buffer.from(chunks[0] as string);
    await held;
    for (const chunk of chunks.slice(1)) yield Buffer.from(chunk);
  }
  const provider = fakeProvider({
    id,
    models: [{ id: "m", apis: ["anthropic-messages"] }],
    respond: (request) =>
      request.stream
        ? { status: 200, headers: { "content-type": "text/event-stream" }, body: Readable.from(body()) }
        : jsonResponse({}),
  });
  const tracked = Object.assign(provider, { release, closed: false });
  tracked.close = async () => {
    tracked.closed = true;
  };
  return tracked;
}

function messagesInput(stream: boolean) {
  const body = { model: "coder", max_tokens: 8, stream, messages: [{ role: "user", content: "Hi" }] };
  return {
    clientApi: "anthropic-messages" as const,
    body,
    rawBody: Buffer.from(JSON.stringify(body)),
    query: "",
    headers: {},
    signal: new AbortController().signal,
    requestId: "req_reload",
  };
}

async function collect(reply: GatewayReply): Promise<string> {
  if (reply.body.kind !== "stream") throw new Error(`expected a stream, got ${reply.body.kind}`);
  let text = "";
  for await (const chunk of pipeChunks(reply.body.pipe)) text += Buffer.from(chunk).toString("utf8");
  return text;
}

function loaded(file: Record<string, unknown>): LoadedConfig {
  return { config: configFromObject(file), env: {}, configDir: "/nowhere", implicitProviders: [] };
}

describe("reloadConfig", () => {
  it("swaps the config for new requests; a stream in flight ends on the old provider, which closes after it", async () => {
    const old = heldStreamProvider("old");
    const next = heldStreamProvider("next");
    const gateway = createGateway({
      config: configFromObject({ models: { coder: "old/m" } }),
      providers: new Map([["old", old]]),
      usageSink: createMemoryUsageSink(),
      logger: createSilentLogger(),
    });
    const inFlight = await gateway.handle(messagesInput(true));
    expect(inFlight.headers["x-switchboard-provider"]).toBe("old");

    const result = await reloadConfig({
      gateway,
      load: async () => loaded({ models: { coder: "next/m" } }),
      logger: createSilentLogger(),
      buildProviders: () => new Map([["next", next]]),
    });
    expect(result).toEqual({ ok: true, warnings: [] });
    const after = await gateway.handle(messagesInput(false));
    expect(after.headers["x-switchboard-provider"]).toBe("next");
    expect(old.closed).toBe(false);

    old.release();
    expect(await collect(inFlight)).toContain("message_stop");
    await new Promise((resolve) => setImmediate(resolve));
    expect(old.closed).toBe(true);
    expect(next.closed).toBe(false);
  });

  it("refuses a broken config and keeps the running one", async () => {
    const old = heldStreamProvider("old");
    const gateway = createGateway({
      config: configFromObject({ models: { coder: "old/m" } }),
      providers: new Map([["old", old]]),
      usageSink: createMemoryUsageSink(),
      logger: createSilentLogger(),
    });
    const result = await reloadConfig({
      gateway,
      load: async () => {
        throw new ConfigError("Invalid configuration in x.yaml:\n  - models.coder: Invalid input");
      },
      logger: createSilentLogger(),
    });
    expect(result).toEqual({ ok: false, reason: expect.stringContaining("models.coder") });
    expect((await gateway.handle(messagesInput(false))).headers["x-switchboard-provider"]).toBe("old");
  });

  it("says which changed settings a reload does not apply (a master key rotated by SIGHUP), and applies the rest", async () => {
    const provider = fakeProvider({ id: "up", models: [{ id: "m", apis: ["anthropic-messages"] }] });
    const gateway = createGateway({
      config: configFromObject({ server: { api_key: "sk-old", port: 4000 }, models: { coder: "up/m" } }),
      providers: new Map([["up", provider]]),
      usageSink: createMemoryUsageSink(),
      logger: createSilentLogger(),
    });
    const result = await reloadConfig({
      gateway,
      load: async () => loaded({ server: { api_key: "sk-new", port: 4001 }, models: { coder: "up/m", fast: "up/m" } }),
      logger: createSilentLogger(),
      buildProviders: () => new Map([["up", provider]]),
    });
    expect(result).toEqual({
      ok: true,
      warnings: [
        "server.port, server.api_key changed, which a reload does not apply: the running values stay until Switchboard restarts",
      ],
    });
    expect(Object.keys(gateway.table.routes)).toContain("fast");
    const unchanged = await reloadConfig({
      gateway,
      load: async () => loaded({ server: { api_key: "sk-new", port: 4001 }, models: { coder: "up/m" } }),
      logger: createSilentLogger(),
      buildProviders: () => new Map([["up", provider]]),
    });
    // Still not applied: a second reload of the same file says so again; back to the running values, nothing.
    expect(unchanged).toMatchObject({ ok: true, warnings: [expect.stringContaining("server.port, server.api_key")] });
    const reverted = await reloadConfig({
      gateway,
      load: async () => loaded({ server: { api_key: "sk-old", port: 4000 }, models: { coder: "up/m" } }),
      logger: createSilentLogger(),
      buildProviders: () => new Map([["up", provider]]),
    });
    expect(reverted).toEqual({ ok: true, warnings: [] });
  });
});
