import OpenAI from "openai";
import { ResponsesWS } from "openai/resources/beta/responses/ws";
import { describe, expect, it, vi } from "vitest";
import { WebSocket } from "ws";
import { configFromObject } from "../../config/load-config.js";
import { fakeProvider, sseResponse } from "../../gateway/testing/fake-provider.js";
import { createSilentLogger } from "../../lib/logger.js";
import { startServer } from "../node.js";

function responsesStream(id: string, text: string): string[] {
  const message = {
    type: "message",
    id: `msg_${id}`,
    status: "completed",
    role: "assistant",
    content: [{ type: "output_text", text, annotations: [] }],
  };
  const response = {
    id,
    object: "response",
    created_at: 1,
    status: "in_progress",
    model: "gpt-5",
    output: [] as unknown[],
  };
  const frame = (data: Record<string, unknown>) => `event: ${String(data["type"])}\ndata: ${JSON.stringify(data)}\n\n`;
  return [
    frame({ type: "response.created", sequence_number: 0, response }),
    frame({
      type: "response.output_item.added",
      sequence_number: 1,
      output_index: 0,
      item: { ...message, status: "in_progress", content: [] },
    }),
    frame({
      type: "response.output_text.delta",
      sequence_number: 2,
      item_id: `msg_${id}`,
      output_index: 0,
      content_index: 0,
      delta: text,
      logprobs: [],
    }),
    frame({ type: "response.output_item.done", sequence_number: 3, output_index: 0, item: message }),
    frame({
      type: "response.completed",
      sequence_number: 4,
      response: {
        ...response,
        status: "completed",
        output: [message],
        usage: { input_tokens: 5, output_tokens: 2, total_tokens: 7 },
      },
    }),
  ];
}

describe("Responses WebSocket mode", () => {
  it("serves response.create messages to the openai SDK's WebSocket client, expanding previous_response_id", async () => {
    let turn = 0;
    const provider = fakeProvider({
      id: "openai",
      models: [{ id: "gpt-5", apis: ["openai-responses"] }],
      respond: () => sseResponse(responsesStream(`resp_${++turn}`, turn === 1 ? "first" : "second")),
    });
    const server = await startServer({
      config: configFromObject({ server: { api_key: "key" } }),
      port: 0,
      providers: [provider],
      logger: createSilentLogger(),
    });
    const client = new OpenAI({ apiKey: "key", baseURL: `${server.url}/v1` });
    const socket = new ResponsesWS(client);
    try {
      const completed: string[] = [];
      const texts: string[] = [];
      const done = (count: number) =>
        new Promise<void>((resolve, reject) => {
          socket.on("error", reject);
          socket.on("response.output_text.delta", (event) => texts.push(event.delta));
          socket.on("response.completed", (event) => {
            completed.push(event.response.id);
            if (completed.length === count) resolve();
          });
        });
      const first = done(1);
      socket.send({
        type: "response.create",
        model: "gpt-5",
        store: false,
        input: [{ type: "message", role: "user", content: "hello" }],
      });
      await first;
      socket.send({
        type: "response.create",
        model: "gpt-5",
        store: false,
        previous_response_id: "resp_1",
        input: [{ type: "message", role: "user", content: "again" }],
      });
      await vi.waitFor(() => expect(completed).toEqual(["resp_1", "resp_2"]));
      expect(texts).toEqual(["first", "second"]);

      const secondBody = JSON.parse(String(provider.requests[1]?.body)) as Record<string, unknown>;
      expect(secondBody["previous_response_id"]).toBeUndefined();
      expect(secondBody["stream"]).toBe(true);
      expect(secondBody["input"]).toEqual([
        { type: "message", role: "user", content: "hello" },
        {
          type: "message",
          id: "msg_resp_1",
          status: "completed",
          role: "assistant",
          content: [{ type: "output_text", text: "first", annotations: [] }],
        },
        { type: "message", role: "user", content: "again" },
      ]);
    } finally {
      socket.close();
      await server.close();
    }
  });

  it("answers Codex's prewarm (generate: false) itself, and continues from it with previous_response_id", async () => {
    const provider = fakeProvider({
      id: "openai",
      models: [{ id: "gpt-5", apis: ["openai-responses"] }],
      respond: () => sseResponse(responsesStream("resp_real", "hi")),
    });
    const server = await startServer({
      config: configFromObject({}),
      port: 0,
      providers: [provider],
      logger: createSilentLogger(),
    });
    const socket = new WebSocket(`${server.url.replace("http", "ws")}/v1/responses`);
    try {
      const messages: Array<{ type: string; response?: { id: string; output: unknown[] } }> = [];
      socket.on("message", (data) => messages.push(JSON.parse(String(data)) as (typeof messages)[number]));
      await new Promise((resolve) => socket.once("open", resolve));
      const instructions = [{ type: "message", role: "developer", content: "rules" }];
      socket.send(
        JSON.stringify({ type: "response.create", model: "gpt-5", generate: false, store: false, input: instructions }),
      );
      await vi.waitFor(() =>
        expect(messages.map((message) => message.type)).toEqual(["response.created", "response.completed"]),
      );
      expect(provider.requests).toHaveLength(0);
      const warmId = messages[1]?.response?.id;
      expect(messages[1]?.response?.output).toEqual([]);
      socket.send(
        JSON.stringify({
          type: "response.create",
          model: "gpt-5",
          store: false,
          previous_response_id: warmId,
          input: [{ type: "message", role: "user", content: "go" }],
        }),
      );
      await vi.waitFor(() =>
        expect(messages.filter((message) => message.type === "response.completed")).toHaveLength(2),
      );
      const sent = JSON.parse(String(provider.requests[0]?.body)) as Record<string, unknown>;
      expect(sent["generate"]).toBeUndefined();
      expect(sent["previous_response_id"]).toBeUndefined();
      expect(sent["input"]).toEqual([...instructions, { type: "message", role: "user", content: "go" }]);
    } finally {
      socket.close();
      await server.close();
    }
  });

  it("answers a message that is not response.create, and a refused request, with error events", async () => {
    const provider = fakeProvider({ id: "openai", models: [{ id: "gpt-5", apis: ["openai-responses"] }] });
    const server = await startServer({
      config: configFromObject({}),
      port: 0,
      providers: [provider],
      logger: createSilentLogger(),
    });
    const socket = new WebSocket(`${server.url.replace("http", "ws")}/v1/responses`);
    try {
      const messages: Array<Record<string, unknown>> = [];
      socket.on("message", (data) => messages.push(JSON.parse(String(data)) as Record<string, unknown>));
      await new Promise((resolve) => socket.once("open", resolve));
      socket.send(JSON.stringify({ type: "session.update" }));
      socket.send(JSON.stringify({ type: "response.create", model: "unknown-model", input: "hi" }));
      await vi.waitFor(() => expect(messages).toHaveLength(2));
      expect(messages[0]).toMatchObject({ type: "error", code: "invalid_request" });
      expect(messages[1]).toMatchObject({
        type: "error",
        status: 404,
        message: expect.stringContaining("unknown-model"),
        error: { message: expect.stringContaining("unknown-model") },
        headers: { "x-request-id": expect.stringMatching(/^req_/) },
      });
    } finally {
      socket.close();
      await server.close();
    }
  });

  it("refuses an upgrade without the client key", async () => {
    const server = await startServer({
      config: configFromObject({ server: { api_key: "key" } }),
      port: 0,
      providers: [],
      logger: createSilentLogger(),
    });
    try {
      const socket = new WebSocket(`${server.url.replace("http", "ws")}/v1/responses`);
      const status = await new Promise<number | undefined>((resolve) => {
        socket.on("unexpected-response", (request, response) => {
          request.destroy();
          resolve(response.statusCode);
        });
        socket.on("open", () => resolve(101));
        socket.on("error", () => resolve(undefined));
      });
      expect(status).toBe(401);
    } finally {
      await server.close();
    }
  });

  it("with server.responses_websocket false, answers the upgrade with 426", async () => {
    const server = await startServer({
      config: configFromObject({ server: { responses_websocket: false } }),
      port: 0,
      providers: [],
      logger: createSilentLogger(),
    });
    try {
      const socket = new WebSocket(`${server.url.replace("http", "ws")}/v1/responses`);
      const status = await new Promise<number | undefined>((resolve) => {
        socket.on("unexpected-response", (request, response) => {
          request.destroy();
          resolve(response.statusCode);
        });
        socket.on("open", () => resolve(101));
        socket.on("error", () => resolve(undefined));
      });
      expect(status).toBe(426);
    } finally {
      await server.close();
    }
  });
});
