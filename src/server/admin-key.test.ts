import { describe, expect, it } from "vitest";
import { WebSocket } from "ws";
import { ConfigError } from "../config/config-error.js";
import { configFromObject } from "../config/load-config.js";
import { anthropicMessage, fakeProvider, jsonResponse } from "../gateway/testing/fake-provider.js";
import { createSilentLogger } from "../lib/logger.js";
import { createMemoryUsageSink } from "../store/log-usage-sink.js";
import { openUsageStore } from "../store/open-usage-store.js";
import { baseStoreOptions } from "../store/testing/test-engines.js";
import { startServer, type RunningServer } from "./node.js";

const master = "master-secret-for-tests";
const adminKey = "admin-secret-for-tests";

interface ErrorBody {
  type?: string;
  error: { type: string; message: string; param?: string | null };
}

async function withServer(
  server: { api_key?: string; admin_key?: string },
  run: (server: RunningServer) => Promise<void>,
) {
  const provider = fakeProvider({
    id: "anthropic",
    models: [{ id: "claude-sonnet-4-5", apis: ["anthropic-messages"] }],
    respond: () => jsonResponse(anthropicMessage("Hello", { input_tokens: 1000, output_tokens: 1000 })),
  });
  const logger = createSilentLogger();
  const running = await startServer({
    config: configFromObject({
      server,
      models: { sonnet: "anthropic/claude-sonnet-4-5" },
      // Never started here: the key is checked before a tool server is.
      mcp_servers: { unused: { command: "/bin/false" } },
    }),
    port: 0,
    host: "127.0.0.1",
    providers: [provider],
    usageSink: createMemoryUsageSink(),
    usageStore: await openUsageStore({ store: baseStoreOptions(), logger }),
    logger,
  });
  try {
    await run(running);
  } finally {
    await running.close();
  }
}

function call(
  url: string,
  path: string,
  init: { key?: string; method?: string; body?: unknown; headers?: Record<string, string> } = {},
) {
  return fetch(`${url}${path}`, {
    method: init.method ?? (init.body === undefined ? "GET" : "POST"),
    headers: {
      "content-type": "application/json",
      ...(init.key === undefined ? {} : { authorization: `Bearer ${init.key}` }),
      ...init.headers,
    },
    ...(init.body === undefined ? {} : { body: JSON.stringify(init.body) }),
  });
}

/** The status a WebSocket upgrade to `/v1/responses` gets with `key` (101 when it opens). */
function upgradeStatus(url: string, key: string): Promise<number | undefined> {
  const socket = new WebSocket(`${url.replace("http", "ws")}/v1/responses`, {
    headers: { authorization: `Bearer ${key}` },
  });
  return new Promise((resolve) => {
    socket.on("unexpected-response", (request, response) => {
      request.destroy();
      resolve(response.statusCode);
    });
    socket.on("open", () => {
      socket.close();
      resolve(101);
    });
    socket.on("error", () => resolve(undefined));
  });
}

const chatBody = { model: "sonnet", messages: [{ role: "user", content: "hi" }] };
const messagesBody = { model: "sonnet", max_tokens: 50, messages: [{ role: "user", content: "hi" }] };

describe("the admin key (server.admin_key) beside the master key", () => {
  it("manages keys and reads usage on the admin API; virtual keys are refused there", async () => {
    await withServer({ api_key: master, admin_key: adminKey }, async ({ url }) => {
      const created = await call(url, "/api/keys", { key: adminKey, body: { name: "alice", rpm: 10 } });
      expect(created.status).toBe(201);
      const alice = (await created.json()) as { id: string; key: string };
      const listed = (await (await call(url, "/api/keys", { key: adminKey })).json()) as {
        keys: Array<{ id: string }>;
      };
      expect(listed.keys.map((key) => key.id)).toEqual([alice.id]);
      expect((await call(url, "/api/usage", { key: adminKey })).status).toBe(200);
      expect((await call(url, "/api/requests", { key: adminKey })).status).toBe(200);
      // The master key can still do everything.
      expect((await call(url, `/api/keys/${alice.id}`, { key: master })).status).toBe(200);

      const asVirtualKey = await call(url, "/api/keys", { key: alice.key });
      expect(asVirtualKey.status).toBe(403);
      expect(((await asVirtualKey.json()) as ErrorBody).error.message).toBe(
        "The admin API and /metrics take the master key or the admin key only.",
      );
      expect((await call(url, "/api/keys", { key: "sk-wrong" })).status).toBe(401);
      expect((await call(url, "/api/keys")).status).toBe(401);
    });
  });

  it("refuses a control character (NUL) in any admin parameter or key field with a 400 naming it", async () => {
    await withServer({ api_key: master, admin_key: adminKey }, async ({ url }) => {
      const created = (await (await call(url, "/api/keys", { key: adminKey, body: { name: "alice" } })).json()) as {
        id: string;
      };
      const cases: Array<[string, string, { method?: string; body?: unknown }]> = [
        ["/api/requests/%00", "id", {}],
        ["/api/requests?model=%00", "model", {}],
        ["/api/requests?session=a%00b", "session", {}],
        ["/api/mcp/calls?server=%00", "server", {}],
        ["/api/quota?provider=%00", "provider", {}],
        ["/api/keys/%00", "id", {}],
        ["/api/keys", "name", { body: { name: "z\u0000" } }],
        ["/api/keys", "models", { body: { name: "z", models: ["so\u0000"] } }],
        [`/api/keys/${created.id}`, "name", { method: "PATCH", body: { name: "z\u0000" } }],
      ];
      for (const [path, param, init] of cases) {
        const response = await call(url, path, { key: adminKey, ...init });
        expect(response.status, path).toBe(400);
        const body = (await response.json()) as ErrorBody;
        expect(body.error.type, path).toBe("invalid_request_error");
        expect(body.error.param, path).toBe(param);
        expect(body.error.message, path).toContain(param);
      }
    });
  });

  it("reads /metrics", async () => {
    await withServer({ api_key: master, admin_key: adminKey }, async ({ url }) => {
      const metrics = await call(url, "/metrics", { key: adminKey });
      expect(metrics.status).toBe(200);
      expect(await metrics.text()).toContain("# HELP");
      expect((await call(url, "/metrics")).status).toBe(401);
    });
  });

  it("cannot spend: model routes answer 403 in their own API's shape; the master key and virtual keys are served", async () => {
    await withServer({ api_key: master, admin_key: adminKey }, async ({ url }) => {
      const chat = await call(url, "/v1/chat/completions", { key: adminKey, body: chatBody });
      expect(chat.status).toBe(403);
      const chatError = (await chat.json()) as ErrorBody;
      expect(chatError.error.message).toMatch(
        /admin key \(server\.admin_key\) manages Switchboard and cannot call models/,
      );
      expect(chatError.type).toBeUndefined();

      const messages = await call(url, "/v1/messages", {
        key: adminKey,
        body: messagesBody,
        headers: { "anthropic-version": "2023-06-01" },
      });
      expect(messages.status).toBe(403);
      const messagesError = (await messages.json()) as ErrorBody;
      expect(messagesError.type).toBe("error");
      expect(messagesError.error.type).toBe("permission_error");

      const embeddings = await call(url, "/v1/embeddings", { key: adminKey, body: { model: "sonnet", input: "hi" } });
      expect(embeddings.status).toBe(403);
      expect((await call(url, "/v1/models", { key: adminKey })).status).toBe(403);
      const responses = await call(url, "/v1/responses", { key: adminKey, body: { model: "sonnet", input: "hi" } });
      expect(responses.status).toBe(403);
      expect(await upgradeStatus(url, adminKey)).toBe(403);
      expect(await upgradeStatus(url, master)).toBe(101);
      // The MCP gateway takes the master key (and keys granted tools), not the admin key: a 403
      // naming why, as on the model routes.
      const mcp = await call(url, "/mcp", { key: adminKey, body: {} });
      expect(mcp.status).toBe(403);
      expect(JSON.stringify(await mcp.json())).toContain("admin key");

      expect((await call(url, "/v1/chat/completions", { key: master, body: chatBody })).status).toBe(200);
      const created = (await (await call(url, "/api/keys", { key: adminKey, body: { name: "bob" } })).json()) as {
        key: string;
      };
      expect((await call(url, "/v1/chat/completions", { key: created.key, body: chatBody })).status).toBe(200);
    });
  });

  it("opens the dashboard: a session from logging in with it, and keys managed there with the CSRF token", async () => {
    await withServer({ api_key: master, admin_key: adminKey }, async ({ url }) => {
      expect((await call(url, "/dashboard/api/state", { key: adminKey })).status).toBe(200);
      const login = await call(url, "/dashboard/api/login", { body: { key: adminKey } });
      expect(login.status).toBe(200);
      const cookie = (login.headers.get("set-cookie") ?? "").split(";")[0] ?? "";
      const { csrf_token: csrf } = (await login.json()) as { csrf_token: string };
      const withoutToken = await call(url, "/dashboard/api/keys", { headers: { cookie }, body: { name: "carol" } });
      expect(withoutToken.status).toBe(403);
      const created = await call(url, "/dashboard/api/keys", {
        headers: { cookie, "x-csrf-token": csrf },
        body: { name: "carol", budget: "5usd/month" },
      });
      expect(created.status).toBe(201);
      const bad = await call(url, "/dashboard/api/keys", {
        headers: { cookie, "x-csrf-token": csrf },
        body: { name: "dave", budget: "50 dollars" },
      });
      expect(bad.status).toBe(400);
      expect(((await bad.json()) as ErrorBody).error.param).toBe("budget");
      const listed = (await (await call(url, "/dashboard/api/keys", { headers: { cookie } })).json()) as {
        keys: Array<{ name: string; spent: { budget_usd: number } | null }>;
      };
      expect(listed.keys).toEqual([
        expect.objectContaining({ name: "carol", spent: expect.objectContaining({ budget_usd: 0 }) }),
      ]);
    });
  });

  it("alone (no master key): guards the admin API, /metrics and the dashboard, and leaves the model routes open", async () => {
    await withServer({ admin_key: adminKey }, async ({ url }) => {
      const unauthenticated = await call(url, "/api/keys");
      expect(unauthenticated.status).toBe(401);
      expect(((await unauthenticated.json()) as ErrorBody).error.message).toBe(
        "The admin API and /metrics need the admin key (server.admin_key) or the master key.",
      );
      expect((await call(url, "/metrics")).status).toBe(401);
      expect((await call(url, "/api/keys", { key: adminKey })).status).toBe(200);
      expect((await call(url, "/dashboard/api/state")).status).toBe(401);
      const session = (await (await call(url, "/dashboard/api/session")).json()) as { key_required: boolean };
      expect(session.key_required).toBe(true);
      expect((await call(url, "/v1/chat/completions", { body: chatBody })).status).toBe(200);
      expect((await call(url, "/v1/models")).status).toBe(200);
    });
  });

  it("shows a key's last use and its spend this period on /api/keys", async () => {
    await withServer({ api_key: master, admin_key: adminKey }, async ({ url, usageStore }) => {
      const created = (await (
        await call(url, "/api/keys", {
          key: adminKey,
          body: { name: "spender", budget: "100usd/month", premium_requests: "50/week" },
        })
      ).json()) as { id: string; key: string; last_used_at: string | null };
      expect(created.last_used_at).toBeUndefined();
      const fresh = (await (await call(url, `/api/keys/${created.id}`, { key: adminKey })).json()) as Record<
        string,
        unknown
      >;
      expect(fresh["last_used_at"]).toBeNull();
      expect(fresh["spent"]).toMatchObject({ budget_usd: 0, premium_requests: 0 });
      expect((await call(url, "/v1/chat/completions", { key: created.key, body: chatBody })).status).toBe(200);
      await usageStore?.flush();
      const used = (await (await call(url, `/api/keys/${created.id}`, { key: adminKey })).json()) as {
        last_used_at: string;
        spent: {
          budget_usd: number;
          budget_resets_at: string;
          premium_requests: number;
          premium_requests_reset_at: string;
        };
      };
      expect(Date.parse(used.last_used_at)).toBeGreaterThan(Date.now() - 60_000);
      // 1000 tokens in and out of Claude Sonnet at list prices.
      expect(used.spent.budget_usd).toBeGreaterThan(0);
      expect(used.spent.premium_requests).toBe(0);
      const now = new Date();
      expect(used.spent.budget_resets_at).toBe(
        new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + 1, 1)).toISOString(),
      );
      expect(Date.parse(used.spent.premium_requests_reset_at)).toBeGreaterThan(Date.now());
    });
  });

  it("is read from SWITCHBOARD_ADMIN_KEY, and may not be the master key itself", () => {
    const fromEnv = configFromObject({}, { env: { SWITCHBOARD_ADMIN_KEY: "from-env" } });
    expect(fromEnv.server.adminKey).toBe("from-env");
    expect(() => configFromObject({ server: { api_key: "same", admin_key: "same" } })).toThrow(ConfigError);
    expect(() => configFromObject({ server: { api_key: "same", admin_key: "same" } })).toThrow(
      /server\.admin_key \(SWITCHBOARD_ADMIN_KEY\) must differ from server\.api_key/,
    );
  });
});
