import { Writable } from "node:stream";
import { describe, expect, it } from "vitest";
import { configFromObject } from "../../src/config/index.js";
import { createLogger } from "../../src/lib/logger.js";
import { startServer } from "../../src/server/node.js";
import { startFakeUpstream } from "../fake-upstream/index.js";

const clientKey = "sk-client-secret-0123456789";
const upstreamKey = "sk-upstream-secret-9876543210";

/** Every line the gateway logs, at the most verbose level, kept in memory. */
function memoryLogger() {
  const lines: string[] = [];
  const destination = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(chunk.toString("utf8"));
      done();
    },
  });
  return { logger: createLogger({ level: "trace", destination }), text: () => lines.join("") };
}

describe("credentials never reach the logs", () => {
  it("neither the client's key nor the upstream's key appears in any log line, on success or failure", async () => {
    const upstream = await startFakeUpstream({
      apiKey: upstreamKey,
      script: (call) =>
        JSON.stringify(call.body).includes("fail please")
          ? {
              error: {
                status: 401,
                body: { error: { message: "Incorrect API key provided", type: "invalid_request_error" } },
              },
            }
          : { text: "fine" },
    });
    const { logger, text } = memoryLogger();
    const config = configFromObject({
      server: { api_key: clientKey },
      providers: {
        openai: { type: "openai", base_url: `${upstream.url}/v1`, api_key: upstreamKey, models: ["gpt-test"] },
      },
    });
    const server = await startServer({ config, port: 0, logger });
    try {
      const send = (content: string, key: string) =>
        fetch(`${server.url}/v1/chat/completions`, {
          method: "POST",
          headers: { "content-type": "application/json", authorization: `Bearer ${key}` },
          body: JSON.stringify({ model: "openai/gpt-test", messages: [{ role: "user", content }] }),
        });
      expect((await send("hello", clientKey)).status).toBe(200);
      expect((await send("fail please", clientKey)).status).toBeGreaterThanOrEqual(400);
      expect((await send("hello", `${clientKey}-wrong`)).status).toBe(401);
      expect(text().length).toBeGreaterThan(0);
      expect(text()).not.toContain(clientKey);
      expect(text()).not.toContain(upstreamKey);
    } finally {
      await server.close();
      await upstream.close();
    }
  });
});
