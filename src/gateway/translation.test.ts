import { describe, expect, it, vi } from "vitest";
import { configFromObject } from "../config/load-config.js";
import { GatewayError } from "../errors/gateway-error.js";
import type { Request } from "../ir/request.js";
import { createSilentLogger } from "../lib/logger.js";
import { createMemoryUsageSink } from "../store/log-usage-sink.js";
import { translators } from "../translate/registry.js";
import { dropCrossProtocolFeatures } from "./attempt/cross-protocol-warnings.js";
import { createGateway } from "./gateway.js";
import { pipeChunks } from "./stream/chunk-pipe.js";
import type { GatewayReply } from "./gateway-types.js";
import {
  anthropicMessage,
  fakeProvider,
  jsonResponse,
  sseResponse,
  type FakeProvider,
} from "./testing/fake-provider.js";

const anthropicAnswer = anthropicMessage("Hello from Claude", { input_tokens: 9, output_tokens: 4 });

const anthropicStream = [
  'event: message_start\ndata: {"type":"message_start","message":{"id":"msg_1","type":"message","role":"assistant","model":"claude-sonnet-4-5","content":[],"stop_reason":null,"usage":{"input_tokens":9,"output_tokens":1}}}\n\n',
  'event: content_block_start\ndata: {"type":"content_block_start","index":0,"content_block":{"type":"text","text":""}}\n\n',
  'event: content_block_delta\ndata: {"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":"Hello from "}}\n\n',
  'event: content_block_delta\ndata: {"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":"Claude"}}\n\n',
  'event: content_block_stop\ndata: {"type":"content_block_stop","index":0}\n\n',
  'event: message_delta\ndata: {"type":"message_delta","delta":{"stop_reason":"end_turn","stop_sequence":null},"usage":{"output_tokens":4}}\n\n',
  'event: message_stop\ndata: {"type":"message_stop"}\n\n',
];

function setup(provider: FakeProvider) {
  const usage = createMemoryUsageSink();
  const gateway = createGateway({
    config: configFromObject({}),
    providers: new Map([[provider.id, provider]]),
    usageSink: usage,
    logger: createSilentLogger(),
  });
  return { gateway, usage };
}

function chatInput(body: Record<string, unknown>) {
  return {
    clientApi: "openai-chat" as const,
    body,
    rawBody: Buffer.from(JSON.stringify(body)),
    query: "",
    headers: { "openai-beta": "ignored-on-translation" },
    signal: new AbortController().signal,
    requestId: "req_test",
  };
}

async function collect(reply: GatewayReply): Promise<string> {
  if (reply.body.kind !== "stream") throw new Error(`expected a stream, got ${reply.body.kind}`);
  let text = "";
  for await (const chunk of pipeChunks(reply.body.pipe))
    text += typeof chunk === "string" ? chunk : Buffer.from(chunk).toString("utf8");
  return text;
}

describe("translation", () => {
  it("answers a Chat client from an Anthropic-only model, in Chat's shape, under the client's model name", async () => {
    const provider = fakeProvider({
      id: "anthropic",
      models: [{ id: "claude-sonnet-4-5", apis: ["anthropic-messages"] }],
      respond: () => jsonResponse(anthropicAnswer),
    });
    const { gateway, usage } = setup(provider);
    const reply = await gateway.handle(
      chatInput({ model: "claude-sonnet-4-5", messages: [{ role: "user", content: "Say hello" }] }),
    );
    expect(reply.status).toBe(200);
    expect(reply.headers).toMatchObject({
      "x-switchboard-provider": "anthropic",
      "x-switchboard-model": "claude-sonnet-4-5",
      "content-type": "application/json",
    });
    expect(reply.body.kind).toBe("json");
    const answer =
      reply.body.kind === "json"
        ? (reply.body.value as { object: string; choices: Array<{ message: { content: string } }> })
        : undefined;
    expect(answer?.object).toBe("chat.completion");
    expect(answer?.choices[0]?.message.content).toBe("Hello from Claude");

    const sent = provider.requests[0];
    expect(sent).toMatchObject({ api: "anthropic-messages", model: "claude-sonnet-4-5", stream: false });
    expect(sent?.context.forwardHeaders).toEqual({});
    expect(sent?.query).toBeUndefined();
    const upstreamBody = JSON.parse(String(sent?.body)) as { model: string; messages: unknown[] };
    expect(upstreamBody.model).toBe("claude-sonnet-4-5");
    expect(JSON.stringify(upstreamBody.messages)).toContain("Say hello");
    await vi.waitFor(() => expect(usage.records).toHaveLength(1));
    expect(usage.records[0]).toMatchObject({
      passthrough: false,
      upstreamApi: "anthropic-messages",
      usage: { outputTokens: 4 },
      status: 200,
    });
  });

  it("a retried translated request sends the same bytes again, and the caller's input keeps only the raw body", async () => {
    let calls = 0;
    const provider = fakeProvider({
      id: "anthropic",
      models: [{ id: "claude-sonnet-4-5", apis: ["anthropic-messages"] }],
      respond: () => {
        calls += 1;
        if (calls === 1)
          throw new GatewayError("upstream_error", "try again", { upstream: { provider: "anthropic", status: 502 } });
        return jsonResponse(anthropicAnswer);
      },
    });
    const gateway = createGateway({
      config: configFromObject({ router: { retries: 1, backoff_base_ms: 0 } }),
      providers: new Map([[provider.id, provider]]),
      usageSink: createMemoryUsageSink(),
      logger: createSilentLogger(),
    });
    const input = chatInput({
      model: "claude-sonnet-4-5",
      messages: [{ role: "user", content: "Say hello" }],
      tools: [{ type: "function", function: { name: "look", parameters: { type: "object", properties: {} } } }],
    });
    const reply = await gateway.handle(input);
    expect(reply.status).toBe(200);
    expect(reply.headers["x-switchboard-attempts"]).toBe("2");
    expect(provider.requests).toHaveLength(2);
    // The second attempt parsed the raw bytes again: the same upstream request, byte for byte.
    expect(String(provider.requests[1]?.body)).toBe(String(provider.requests[0]?.body));
    expect(JSON.parse(String(provider.requests[1]?.body))).toMatchObject({ tools: [{ name: "look" }] });
    expect(input.body).toBeUndefined();
  });

  it("streams a translated answer chunk by chunk and records its usage", async () => {
    const provider = fakeProvider({
      id: "anthropic",
      models: [{ id: "claude-sonnet-4-5", apis: ["anthropic-messages"] }],
      respond: () => sseResponse(anthropicStream),
    });
    const { gateway, usage } = setup(provider);
    const reply = await gateway.handle(
      chatInput({ model: "claude-sonnet-4-5", stream: true, messages: [{ role: "user", content: "Say hello" }] }),
    );
    expect(reply.headers).toMatchObject({ "content-type": "text/event-stream", "cache-control": "no-cache" });
    const text = await collect(reply);
    const deltas = text
      .split("\n\n")
      .filter((frame) => frame.startsWith("data: {"))
      .map(
        (frame) =>
          (JSON.parse(frame.slice(6)) as { choices: Array<{ delta: { content?: string } }> }).choices[0]?.delta
            .content ?? "",
      )
      .join("");
    expect(deltas).toBe("Hello from Claude");
    expect(text.trimEnd().endsWith("data: [DONE]")).toBe(true);
    await vi.waitFor(() => expect(usage.records).toHaveLength(1));
    expect(usage.records[0]?.usage?.outputTokens).toBe(4);
  });

  it("passes the Chat client's stream_options.include_usage to the stream encoder", async () => {
    const provider = fakeProvider({
      id: "anthropic",
      models: [{ id: "claude-sonnet-4-5", apis: ["anthropic-messages"] }],
      respond: () => sseResponse(anthropicStream),
    });
    const { gateway } = setup(provider);
    const spy = vi.spyOn(translators["openai-chat"], "createStreamEncoder");
    try {
      const reply = await gateway.handle(
        chatInput({
          model: "claude-sonnet-4-5",
          stream: true,
          stream_options: { include_usage: true },
          messages: [{ role: "user", content: "hi" }],
        }),
      );
      await collect(reply);
      const decoded = translators["openai-chat"].decodeRequest({
        model: "m",
        stream: true,
        stream_options: { include_usage: true },
        messages: [],
      });
      expect(spy.mock.calls[0]?.[0]).toEqual({
        model: "claude-sonnet-4-5",
        ...(decoded.request.includeUsage === undefined ? {} : { includeUsage: true }),
      });
    } finally {
      spy.mockRestore();
    }
  });

  it("turns a translated stream that fails mid-way into an in-band error", async () => {
    const provider = fakeProvider({
      id: "anthropic",
      models: [{ id: "claude-sonnet-4-5", apis: ["anthropic-messages"] }],
      respond: () =>
        sseResponse([
          anthropicStream[0] ?? "",
          'event: content_block_delta\ndata: {"type":"content_block_delta", broken\n\n',
        ]),
    });
    const { gateway } = setup(provider);
    const reply = await gateway.handle(
      chatInput({ model: "claude-sonnet-4-5", stream: true, messages: [{ role: "user", content: "hi" }] }),
    );
    const text = await collect(reply);
    expect(text).toMatch(/"error"/);
  });
});

describe("warnings", () => {
  it("sends the translator's and the gateway's warnings in x-switchboard-warnings as a JSON array", async () => {
    const provider = fakeProvider({
      id: "anthropic",
      models: [{ id: "claude-sonnet-4-5", apis: ["anthropic-messages"] }],
      respond: () => jsonResponse(anthropicAnswer),
    });
    const { gateway, usage } = setup(provider);
    const decodeRequest = translators["openai-chat"].decodeRequest;
    const spy = vi.spyOn(translators["openai-chat"], "decodeRequest").mockImplementation((body) => {
      const decoded = decodeRequest(body);
      return { ...decoded, warnings: [...decoded.warnings, { type: "unsupported", feature: "logit_bias" }] };
    });
    try {
      const reply = await gateway.handle(
        chatInput({ model: "claude-sonnet-4-5", logit_bias: { "1": 2 }, messages: [{ role: "user", content: "hi" }] }),
      );
      const header = reply.headers["x-switchboard-warnings"];
      expect(header).toBeDefined();
      expect(JSON.parse(header ?? "[]")).toContainEqual({ type: "unsupported", feature: "logit_bias" });
      await vi.waitFor(() =>
        expect(usage.records[0]?.warnings).toContainEqual({ type: "unsupported", feature: "logit_bias" }),
      );
    } finally {
      spy.mockRestore();
    }
  });
});

describe("dropCrossProtocolFeatures", () => {
  const request: Request = {
    model: "m",
    system: [
      { type: "text", text: "rules", extensions: { "anthropic-messages": { cache_control: { type: "ephemeral" } } } },
    ],
    messages: [{ role: "user", content: [{ type: "text", text: "hi" }] }],
    tools: [
      { kind: "function", name: "read", inputSchema: { type: "object" } },
      { kind: "protocol", protocol: "openai-responses", type: "web_search", raw: { type: "web_search" } },
    ],
    stream: true,
    extensions: { "anthropic-messages": { context_management: { edits: [] } } },
  };

  it("warns about another protocol's extensions and drops its hosted tools", () => {
    const result = dropCrossProtocolFeatures(request, "anthropic-messages", "openai-chat");
    expect(result.warnings.map((warning) => warning.feature)).toEqual([
      "context_management",
      "cache_control",
      "tools web_search",
    ]);
    expect(result.request.tools.map((tool) => (tool.kind === "protocol" ? tool.type : tool.name))).toEqual(["read"]);
  });

  it("keeps a hosted tool for an upstream of its own protocol", () => {
    const result = dropCrossProtocolFeatures(request, "anthropic-messages", "openai-responses");
    expect(result.request.tools).toHaveLength(2);
  });
});
