import { describe, expect, it } from "vitest";
import { configFromObject } from "../config/load-config.js";
import { anthropicMessage, fakeProvider, jsonResponse } from "../gateway/testing/fake-provider.js";
import { createSilentLogger } from "../lib/logger.js";
import { startServer } from "./node.js";

const master = "master-for-reload-tests";

function configWith(limits?: Record<string, unknown>) {
  return configFromObject({
    server: { api_key: master, ...(limits === undefined ? {} : { master_key_limits: limits }) },
    models: { sonnet: "anthropic/claude-sonnet-4-5" },
  });
}

describe("server.master_key_limits on a config reload (SIGHUP)", () => {
  it("holds the master key to an allowance a reload adds, and frees it when a reload removes it", async () => {
    const provider = fakeProvider({
      id: "anthropic",
      models: [{ id: "claude-sonnet-4-5", apis: ["anthropic-messages"] }],
      respond: () => jsonResponse(anthropicMessage("hi", { input_tokens: 5, output_tokens: 2 })),
    });
    const server = await startServer({
      config: configWith(),
      port: 0,
      host: "127.0.0.1",
      providers: [provider],
      logger: createSilentLogger(),
    });
    const providers = new Map([["anthropic", provider]]);
    const ask = async () => {
      const response = await fetch(`${server.url}/v1/messages`, {
        method: "POST",
        headers: { "x-api-key": master, "content-type": "application/json", "anthropic-version": "2023-06-01" },
        body: JSON.stringify({ model: "sonnet", max_tokens: 10, messages: [{ role: "user", content: "hi" }] }),
      });
      return { status: response.status, body: (await response.json()) as { error?: { message: string } } };
    };
    try {
      for (let index = 0; index < 3; index += 1) expect((await ask()).status).toBe(200);

      await server.gateway.reload({ config: configWith({ rpm: 1 }), providers });
      expect((await ask()).status).toBe(200);
      const refused = await ask();
      expect(refused.status).toBe(429);
      expect(refused.body.error?.message).toContain("The master key is over its limit of 1 request");

      await server.gateway.reload({ config: configWith(), providers });
      expect((await ask()).status).toBe(200);
    } finally {
      await server.close();
    }
  });
});
