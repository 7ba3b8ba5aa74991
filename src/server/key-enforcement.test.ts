import { describe, expect, it, vi } from "vitest";
import { configFromObject } from "../config/load-config.js";
import { anthropicMessage, fakeProvider, jsonResponse } from "../gateway/testing/fake-provider.js";
import { createSilentLogger } from "../lib/logger.js";
import { createMemoryUsageSink } from "../store/log-usage-sink.js";
import { startServer } from "./node.js";

const master = "master-secret-for-tests";

/** What the admin API and the error answers carry, as far as these tests read them. */
interface Answer {
  [field: string]: unknown;
  key: string;
  id: string;
  keys: unknown[];
  error: { type: string; message: string; param?: string };
}

async function withKeysServer(
  run: (context: { url: string; records: ReturnType<typeof createMemoryUsageSink>["records"] }) => Promise<void>,
) {
  const provider = fakeProvider({
    id: "anthropic",
    models: [{ id: "claude-sonnet-4-5", apis: ["anthropic-messages"] }],
    respond: () => jsonResponse(anthropicMessage("Hello", { input_tokens: 1000, output_tokens: 1000 })),
  });
  const usage = createMemoryUsageSink();
  const server = await startServer({
    config: configFromObject({
      server: { api_key: master },
      models: { sonnet: "anthropic/claude-sonnet-4-5", opus: "anthropic/claude-sonnet-4-5" },
    }),
    port: 0,
    host: "127.0.0.1",
    providers: [provider],
    usageSink: usage,
    logger: createSilentLogger(),
  });
  try {
    await run({ url: server.url, records: usage.records });
  } finally {
    await server.close();
  }
}

async function admin(url: string, method: string, path: string, body?: unknown, key = master) {
  const response = await fetch(`${url}${path}`, {
    method,
    headers: { authorization: `Bearer ${key}`, "content-type": "application/json" },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  return { status: response.status, body: (await response.json()) as Answer };
}

function messages(url: string, key: string, model = "sonnet") {
  return fetch(`${url}/v1/messages`, {
    method: "POST",
    headers: { "x-api-key": key, "content-type": "application/json", "anthropic-version": "2023-06-01" },
    body: JSON.stringify({ model, max_tokens: 100, messages: [{ role: "user", content: "hi" }] }),
  });
}

function chat(url: string, key: string, model = "sonnet") {
  return fetch(`${url}/v1/chat/completions`, {
    method: "POST",
    headers: { authorization: `Bearer ${key}`, "content-type": "application/json" },
    body: JSON.stringify({ model, messages: [{ role: "user", content: "hi" }] }),
  });
}

describe("virtual keys on the request path", () => {
  it("creates keys through /api/keys with the master key only, and refuses bad input naming the field", async () => {
    await withKeysServer(async ({ url }) => {
      const created = await admin(url, "POST", "/api/keys", { name: "alice", models: ["sonnet"], rpm: 60 });
      expect(created.status).toBe(201);
      expect(created.body["key"]).toMatch(/^sk-sb-/);
      expect(created.body).toMatchObject({ name: "alice", models: ["sonnet"], limits: { rpm: 60 } });

      const asKey = await admin(url, "GET", "/api/keys", undefined, created.body["key"]);
      expect(asKey.status).toBe(403);
      expect(asKey.body["error"]).toMatchObject({
        message: "The admin API and /metrics take the master key or the admin key only.",
      });

      const badBudget = await admin(url, "POST", "/api/keys", { name: "bob", budget: "50 dollars" });
      expect(badBudget.status).toBe(400);
      expect(badBudget.body["error"]).toMatchObject({ type: "invalid_request_error", param: "budget" });
      expect(badBudget.body["error"].message).toContain('budget "50 dollars" is not a budget');

      const negative = await admin(url, "POST", "/api/keys", { name: "bob", rpm: -5 });
      expect(negative.body["error"]).toMatchObject({ param: "rpm" });
      const unknown = await admin(url, "POST", "/api/keys/key_0000000000000000/revoke");
      expect(unknown.status).toBe(404);
      expect(unknown.body["error"].message).toContain('No key with id "key_0000000000000000"');

      // A model no route is named after: kept (a route may come by config reload), but said.
      const typo = await admin(url, "POST", "/api/keys", { name: "dave", models: ["sonet", "sonnet"] });
      expect(typo.status).toBe(201);
      expect(typo.body["models"]).toEqual(["sonet", "sonnet"]);
      expect(typo.body["warnings"]).toEqual([
        'No route is named "sonet", so the key cannot use it yet. Routes: sonnet, opus; or provider/model with provider one of: anthropic. The key keeps the name: a route added later (config reload) makes it usable.',
      ]);
      expect(created.body["warnings"]).toEqual([]);
      const fixed = await admin(url, "PATCH", `/api/keys/${typo.body["id"]}`, { models: ["sonnet"] });
      expect(fixed.body["warnings"]).toEqual([]);

      const listed = await admin(url, "GET", "/api/keys");
      expect(listed.body["keys"]).toHaveLength(2);
      expect(JSON.stringify(listed.body)).not.toContain(created.body["key"]);
    });
  });

  it("answers a model the key may not use with 403 naming the ones it may, in the client's shape", async () => {
    await withKeysServer(async ({ url }) => {
      const { body } = await admin(url, "POST", "/api/keys", { name: "alice", models: ["sonnet"] });
      const key = body["key"] as string;
      expect((await messages(url, key)).status).toBe(200);
      const refused = await messages(url, key, "opus");
      expect(refused.status).toBe(403);
      const anthropicError = (await refused.json()) as Answer;
      expect(anthropicError).toMatchObject({ type: "error", error: { type: "permission_error" } });
      expect(anthropicError.error.message).toContain('may not use model "opus". Models it may use: sonnet.');
      const chatRefused = await chat(url, key, "opus");
      expect(chatRefused.status).toBe(403);
      expect(((await chatRefused.json()) as Answer).error.message).toContain("Models it may use: sonnet");
    });
  });

  it("lists to a key limited to some models only those in /v1/models; the master key and unlimited keys see all", async () => {
    await withKeysServer(async ({ url }) => {
      const ids = async (key: string, headers: Record<string, string> = {}) => {
        const response = await fetch(`${url}/v1/models`, { headers: { authorization: `Bearer ${key}`, ...headers } });
        expect(response.status).toBe(200);
        return ((await response.json()) as { data: Array<{ id: string }> }).data.map((model) => model.id);
      };
      const everything = ["sonnet", "opus", "anthropic/claude-sonnet-4-5"];
      const limited = (await admin(url, "POST", "/api/keys", { name: "alice", models: ["sonnet"] })).body["key"];
      expect(await ids(limited as string)).toEqual(["sonnet"]);
      expect(await ids(limited as string, { "anthropic-version": "2023-06-01" })).toEqual(["sonnet"]);
      // A bare model name the router resolves is shown as the key names it; one nothing routes is not.
      const bare = (
        await admin(url, "POST", "/api/keys", { name: "bob", models: ["claude-sonnet-4-5", "nosuchroute"] })
      ).body["key"];
      expect(await ids(bare as string)).toEqual(["claude-sonnet-4-5"]);
      const unlimited = (await admin(url, "POST", "/api/keys", { name: "carol" })).body["key"];
      expect(await ids(unlimited as string)).toEqual(everything);
      expect(await ids(master)).toEqual(everything);
    });
  });

  it("answers over the rate limit with 429 and retry-after on passthrough and translated routes", async () => {
    await withKeysServer(async ({ url, records }) => {
      const { body } = await admin(url, "POST", "/api/keys", { name: "ci", rpm: 2 });
      const key = body["key"] as string;
      expect((await messages(url, key)).status).toBe(200);
      expect((await chat(url, key)).status).toBe(200);
      const refused = await chat(url, key);
      expect(refused.status).toBe(429);
      expect(Number(refused.headers.get("retry-after"))).toBeGreaterThan(0);
      expect(Number(refused.headers.get("retry-after-ms"))).toBeGreaterThan(0);
      const error = ((await refused.json()) as Answer).error;
      expect(error.message).toContain('The Switchboard key "ci"');
      expect(error.message).toContain("limit of 2 requests per minute");
      expect(error.message).not.toContain(key);
      const anthropicRefused = await messages(url, key);
      expect(anthropicRefused.status).toBe(429);
      expect(((await anthropicRefused.json()) as Answer).error.type).toBe("rate_limit_error");
      await vi.waitFor(() => expect(records).toHaveLength(4));
      expect(new Set(records.map((record) => record.keyId))).toEqual(new Set([body["id"]]));
    });
  });

  it("holds embeddings to the same key allowances: its model list, then its rate", async () => {
    await withKeysServer(async ({ url }) => {
      const { body } = await admin(url, "POST", "/api/keys", { name: "embedder", models: ["sonnet"], rpm: 1 });
      const key = body["key"] as string;
      const embed = (model: string) =>
        fetch(`${url}/v1/embeddings`, {
          method: "POST",
          headers: { authorization: `Bearer ${key}`, "content-type": "application/json" },
          body: JSON.stringify({ model, input: "hello" }),
        });
      const refused = await embed("opus");
      expect(refused.status).toBe(403);
      expect(((await refused.json()) as Answer).error.message).toContain("Models it may use: sonnet");
      // Admitted (and counted), then refused by routing: this provider offers no embeddings.
      const admitted = await embed("sonnet");
      expect(admitted.status).toBe(400);
      expect(((await admitted.json()) as Answer).error.message).toContain("Embeddings are not offered there");
      const limited = await embed("sonnet");
      expect(limited.status).toBe(429);
      expect(Number(limited.headers.get("retry-after"))).toBeGreaterThan(0);
      expect(((await limited.json()) as Answer).error.message).toContain("limit of 1 request per minute");
    });
  });

  it("answers a spent budget with 429, x-should-retry: false, which allowance and when it resets", async () => {
    await withKeysServer(async ({ url }) => {
      // 1000 input + 1000 output tokens of a Sonnet-priced model: $0.018 a request.
      const { body } = await admin(url, "POST", "/api/keys", { name: "bob", budget: "0.01usd/month" });
      const key = body["key"] as string;
      expect((await messages(url, key)).status).toBe(200);
      await vi.waitFor(async () => {
        const refused = await messages(url, key);
        expect(refused.status).toBe(429);
        expect(refused.headers.get("x-should-retry")).toBe("false");
        const message = ((await refused.json()) as Answer).error.message as string;
        expect(message).toMatch(
          /has used up its budget of \$0\.01 per month; it resets at \d{4}-\d{2}-01T00:00:00\.000Z/,
        );
      });
    });
  });

  it("refuses a revoked key with 401 at once, and keeps the master key working", async () => {
    await withKeysServer(async ({ url }) => {
      const { body } = await admin(url, "POST", "/api/keys", { name: "leaver" });
      const key = body["key"] as string;
      expect((await chat(url, key)).status).toBe(200);
      expect((await admin(url, "POST", `/api/keys/${body["id"]}/revoke`)).status).toBe(200);
      const refused = await chat(url, key);
      expect(refused.status).toBe(401);
      const message = ((await refused.json()) as Answer).error.message as string;
      expect(message).toContain("was revoked");
      expect(message).not.toContain(key);
      expect((await chat(url, master, "opus")).status).toBe(200);
      expect((await chat(url, "sk-sb-wrong")).status).toBe(401);
    });
  });

  it("rotates a key: the old secret stops working, the new one works with the same limits", async () => {
    await withKeysServer(async ({ url }) => {
      const { body } = await admin(url, "POST", "/api/keys", { name: "rotating", models: ["sonnet"] });
      const rotated = await admin(url, "POST", `/api/keys/${body["id"]}/rotate`);
      expect(rotated.body).toMatchObject({ id: body["id"], models: ["sonnet"] });
      expect((await chat(url, body["key"])).status).toBe(401);
      expect((await chat(url, rotated.body["key"])).status).toBe(200);
      const updated = await admin(url, "PATCH", `/api/keys/${body["id"]}`, { models: null, rpm: 10 });
      expect(updated.body).toMatchObject({ models: null, limits: { rpm: 10 } });
    });
  });
});
