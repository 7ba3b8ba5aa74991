import { connect } from "node:net";
import { describe, expect, it } from "vitest";
import { configFromObject } from "../config/load-config.js";
import { createSilentLogger } from "../lib/logger.js";
import { createMemoryUsageSink } from "../store/log-usage-sink.js";
import { fakeProvider, jsonResponse } from "../gateway/testing/fake-provider.js";
import { startServer } from "./node.js";

/** A listening server whose one provider answers every Chat request with an empty completion named `id`. */
async function startWithChatProvider(id: string) {
  const provider = fakeProvider({
    id: "up",
    models: [{ id: "gpt-up", apis: ["openai-chat"] }],
    respond: () => jsonResponse({ id, object: "chat.completion", choices: [] }),
  });
  const usage = createMemoryUsageSink();
  const server = await startServer({
    config: configFromObject({}),
    port: 0,
    providers: [provider],
    usageSink: usage,
    logger: createSilentLogger(),
  });
  return { provider, usage, server };
}

describe("startServer", () => {
  it("listens on a free port, serves a passthrough request over a real socket, and closes", async () => {
    const { provider, usage, server } = await startWithChatProvider("chatcmpl-1");
    try {
      expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      const response = await fetch(`${server.url}/v1/chat/completions`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ model: "up/gpt-up", messages: [{ role: "user", content: "hi" }] }),
      });
      expect(response.status).toBe(200);
      expect(response.headers.get("x-switchboard-provider")).toBe("up");
      expect(await response.json()).toEqual({ id: "chatcmpl-1", object: "chat.completion", choices: [] });
      expect(JSON.parse(String(provider.requests[0]?.body)).model).toBe("gpt-up");
    } finally {
      await server.close();
    }
    expect(usage.records).toHaveLength(1);
  });

  it("shrugs off a client that leaves in the middle of its body, and keeps serving", async () => {
    const { provider, usage, server } = await startWithChatProvider("chatcmpl-2");
    try {
      const socket = connect(server.port, "127.0.0.1");
      await new Promise((resolve) => socket.once("connect", resolve));
      socket.write(
        "POST /v1/chat/completions HTTP/1.1\r\nhost: x\r\ncontent-type: application/json\r\ncontent-length: 1000\r\n\r\n" +
          '{"model": "up/gpt-up", "mess',
      );
      await new Promise((resolve) => setTimeout(resolve, 50));
      socket.destroy();
      await new Promise((resolve) => setTimeout(resolve, 50));
      const response = await fetch(`${server.url}/v1/chat/completions`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ model: "up/gpt-up", messages: [{ role: "user", content: "hi" }] }),
      });
      expect(response.status).toBe(200);
      // The request that never finished its body reached no provider, and has its usage record.
      expect(provider.requests).toHaveLength(1);
      expect(usage.records.map((record) => record.errorCode ?? record.status)).toEqual(["client_closed", 200]);
    } finally {
      await server.close();
    }
  });
});
