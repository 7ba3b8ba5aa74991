import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { describeExplicitTargets } from "../../src/cli/describe-explicit-targets.js";
import { resolveConfig, type ConfigFile } from "../../src/config/index.js";
import { startServer, type RunningServer } from "../../src/server/node.js";
import { startFakeUpstream } from "../fake-upstream/index.js";
import type { FakeUpstream } from "../fake-upstream/types.js";
import { readErrorShape, routes } from "../e2e/support/routes.js";

// Issue 22: a model named explicitly in the config (`provider/model`) is sent as written, whether
// the upstream lists no models (404 on GET /models) or a list that lacks it.

const gatewayKey = "sk-gateway-explicit";
const upstreamKey = "sk-upstream-explicit";

interface UpstreamKind {
  name: string;
  /** The vendor API the fake must see generation requests on. */
  api: "openai-chat" | "openai-responses" | "anthropic-messages";
  provider(fakeUrl: string): NonNullable<ConfigFile["providers"]>[string];
}

const upstreamKinds: UpstreamKind[] = [
  {
    name: "openai-compatible Chat",
    api: "openai-chat",
    provider: (url) => ({ type: "openai-compatible", base_url: `${url}/v1`, api_key: upstreamKey }),
  },
  {
    name: "OpenAI Responses",
    api: "openai-responses",
    provider: (url) => ({
      type: "openai-compatible",
      base_url: `${url}/v1`,
      api_key: upstreamKey,
      apis: ["openai-responses"],
    }),
  },
  {
    name: "Anthropic Messages",
    api: "anthropic-messages",
    provider: (url) => ({ type: "anthropic", base_url: url, api_key: upstreamKey }),
  },
];

const listings: Array<{ name: string; models: string[] | false }> = [
  { name: "GET /models answers 404", models: false },
  { name: "the model list lacks the routed model", models: ["listed-only"] },
];

/** The text a client reads from a stream of any of the three APIs. */
function streamedText(body: string): string {
  let text = "";
  for (const line of body.split("\n")) {
    if (!line.startsWith("data: ") || line === "data: [DONE]") continue;
    const event = JSON.parse(line.slice(6)) as {
      type?: string;
      delta?: unknown;
      choices?: Array<{ delta?: { content?: unknown } }>;
    };
    const chatDelta = event.choices?.[0]?.delta?.content;
    if (typeof chatDelta === "string") text += chatDelta;
    else if (event.type === "response.output_text.delta" && typeof event.delta === "string") text += event.delta;
    else if (event.type === "content_block_delta") {
      const delta = event.delta as { text?: unknown } | undefined;
      if (typeof delta?.text === "string") text += delta.text;
    }
  }
  return text;
}

describe.each(upstreamKinds)("explicit routes on an $name upstream", (kind) => {
  describe.each(listings)("when $name", (listing) => {
    let fake: FakeUpstream;
    let server: RunningServer;
    beforeAll(async () => {
      fake = await startFakeUpstream({
        apiKey: upstreamKey,
        models: listing.models,
        script: (call) => {
          const model = (call.body as { model?: unknown }).model;
          // The first target of the chain is out of service; the chain must move on to the next.
          if (model === "broken") return { error: { status: 503 } };
          return { text: `served by ${String(model)}` };
        },
      });
      const config = resolveConfig(
        {
          server: { api_key: gatewayKey, log_level: "silent" },
          providers: { fc: kind.provider(fake.url) },
          models: { agent: "fc/m", chain: ["fc/broken", "fc/m"] },
          routing: { max_retries: 0 },
          // Every request of the chain tries its first target again (no cooldown between tests).
          router: { cooldown_s: 0 },
        },
        {},
        { port: 0 },
      );
      server = await startServer({ config, port: 0 });
    });
    afterAll(async () => {
      await server?.close();
      await fake?.close();
    });

    for (const route of routes) {
      for (const model of ["agent", "fc/m", "chain"]) {
        for (const stream of [false, true]) {
          it(`${route.path} model "${model}"${stream ? " streamed" : ""}: the client gets the answer of "m"`, async () => {
            const callsBefore = fake.calls.length;
            const response = await fetch(`${server.url}${route.path}`, {
              method: "POST",
              headers: { "content-type": "application/json", ...route.authHeaders(gatewayKey) },
              body: JSON.stringify({ ...route.validBody(model), stream }),
            });
            const text = await response.text();
            expect(response.status, text).toBe(200);
            expect(stream ? streamedText(text) : text).toContain("served by m");
            const generations = fake.calls.slice(callsBefore).filter((call) => call.api === kind.api);
            const sent = generations.map((call) => (call.body as { model?: unknown }).model);
            expect(sent).toEqual(model === "chain" ? ["broken", "m"] : ["m"]);
          });
        }
      }
    }

    it("an explicit model the upstream does not have reaches it, and the client gets model_not_found in its shape", async () => {
      const route = routes[1]!;
      const refusing = await startFakeUpstream({
        apiKey: upstreamKey,
        models: listing.models,
        // What OpenAI and Anthropic answer for a model they do not have.
        script: () => ({
          error: {
            status: 404,
            body:
              kind.api === "anthropic-messages"
                ? { type: "error", error: { type: "not_found_error", message: "model: nope" } }
                : {
                    error: {
                      message: "The model `nope` does not exist or you do not have access to it.",
                      type: "invalid_request_error",
                      param: null,
                      code: "model_not_found",
                    },
                  },
          },
        }),
      });
      const config = resolveConfig(
        {
          server: { api_key: gatewayKey, log_level: "silent" },
          providers: { fc: kind.provider(refusing.url) },
          routing: { max_retries: 0 },
        },
        {},
        { port: 0 },
      );
      const refusingServer = await startServer({ config, port: 0 });
      try {
        const response = await fetch(`${refusingServer.url}${route.path}`, {
          method: "POST",
          headers: { "content-type": "application/json", ...route.authHeaders(gatewayKey) },
          body: JSON.stringify(route.validBody("fc/nope")),
        });
        const body: unknown = await response.json();
        expect(response.status).toBe(404);
        expect(readErrorShape(route.api, body)?.code).toBe("model_not_found");
        expect(refusing.calls.some((call) => call.api === kind.api)).toBe(true);
      } finally {
        await refusingServer.close();
        await refusing.close();
      }
    });

    it("at start-up, the explicit targets the list lacks are named as warnings", async () => {
      const warnings = await describeExplicitTargets(server.gateway.table);
      expect(warnings).toHaveLength(2);
      const expected =
        listing.models === false
          ? /models\.\w+: the model list of "fc" could not be read \(fc: Unknown request URL: GET \/v1\/models\.\); fc\/(m|broken) is sent as written\./
          : /models\.\w+: "fc" does not list the model "(m|broken)"; fc\/\1 is sent as written and fc decides whether it exists\./;
      for (const warning of warnings) expect(warning).toMatch(expected);
    });
  });
});
