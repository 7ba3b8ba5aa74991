import { describe, expect, it } from "vitest";
import { configFromObject } from "../config/load-config.js";
import { GatewayError } from "../errors/gateway-error.js";
import type { ModelInfo, Provider } from "../providers/provider.js";
import { planRoute, type PolicyTable } from "./plan-route.js";
import { selectApi } from "./select-api.js";

function provider(id: string, models: ModelInfo[]): Provider {
  return {
    id,
    type: "fake",
    listModels: async () => models,
    resolveModel: async (name) => models.find((model) => model.id === name || model.aliases?.includes(name) === true),
    send: async () => {
      throw new Error("not used");
    },
    close: async () => undefined,
  };
}

const anthropic = provider("anthropic", [
  { id: "claude-sonnet-4-5", apis: ["anthropic-messages"], aliases: ["claude-sonnet-4-5-20250929"] },
]);
const openai = provider("openai", [
  { id: "gpt-5-mini", apis: ["openai-responses", "openai-chat"] },
  { id: "claude-sonnet-4-5", apis: ["openai-chat"] },
]);
const local = provider("local", [{ id: "qwen3", apis: ["openai-chat"] }]);

function table(
  aliases: Record<string, string[]> = {},
  providers: Provider[] = [anthropic, openai, local],
): PolicyTable {
  const config = configFromObject({ models: aliases });
  return {
    aliases: config.models,
    providers: new Map(providers.map((entry) => [entry.id, entry])),
    routes: config.routes,
    router: config.router,
  };
}

/** The deployments a name reaches, in the order the plan tries them. */
async function resolveModel(name: string, routes: PolicyTable): Promise<string[]> {
  const resolved = await planRoute(name, routes);
  return resolved.plan.groups.flatMap((group) => group.deployments.map((deployment) => deployment.key));
}

describe("model names, as planRoute resolves them", () => {
  it("an exact alias gives its targets in order", async () => {
    expect(await resolveModel("fast", table({ fast: ["openai/gpt-5-mini", "local/qwen3"] }))).toEqual([
      "openai/gpt-5-mini",
      "local/qwen3",
    ]);
  });

  it("provider/model picks that provider, through its own name resolution", async () => {
    expect(await resolveModel("openai/claude-sonnet-4-5", table())).toEqual(["openai/claude-sonnet-4-5"]);
    expect(await resolveModel("anthropic/claude-sonnet-4-5-20250929", table())).toEqual([
      "anthropic/claude-sonnet-4-5",
    ]);
  });

  it("a bare name goes to the first provider (config order) that knows it", async () => {
    expect(await resolveModel("claude-sonnet-4-5", table())).toEqual(["anthropic/claude-sonnet-4-5"]);
    expect(await resolveModel("qwen3", table())).toEqual(["local/qwen3"]);
  });

  it("a bare name still reaches its provider when another provider's model list is down", async () => {
    const down: Provider = {
      ...provider("down", []),
      resolveModel: () => Promise.reject(new GatewayError("upstream_unavailable", "connection refused")),
    };
    expect(await resolveModel("qwen3", table({}, [down, local]))).toEqual(["local/qwen3"]);
    await expect(resolveModel("unknown-model", table({}, [down, local]))).rejects.toThrow("connection refused");
  });

  it("a slash name whose prefix is no provider is looked up whole", async () => {
    const vendorNamed = provider("router", [{ id: "meta-llama/llama-4", apis: ["openai-chat"] }]);
    const routes = table({}, [vendorNamed]);
    expect(await resolveModel("meta-llama/llama-4", routes)).toEqual(["router/meta-llama/llama-4"]);
  });

  it('unknown names fall to the "*" entry', async () => {
    expect(await resolveModel("claude-opus-4-8", table({ "*": ["local/qwen3"] }))).toEqual(["local/qwen3"]);
  });

  it('unknown names without "*" are model_not_found, listing what is routable', async () => {
    const failure = await resolveModel("nope", table({ fast: ["local/qwen3"] })).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(GatewayError);
    expect((failure as GatewayError).code).toBe("model_not_found");
    expect((failure as GatewayError).message).toMatch(/"nope".*fast.*anthropic, openai, local/);
  });

  it("an alias whose targets no provider offers says so", async () => {
    await expect(resolveModel("broken", table({ broken: ["missing", "nowhere/missing"] }))).rejects.toThrow(
      /"broken" points at "missing", "nowhere\/missing"/,
    );
  });

  it("an explicit provider/model the provider does not list is sent as written, direct and as a fallback", async () => {
    expect(await resolveModel("agent", table({ agent: ["local/unlisted"] }))).toEqual(["local/unlisted"]);
    expect(await resolveModel("local/unlisted", table())).toEqual(["local/unlisted"]);
    const chain = table({ agent: ["missing-bare", "local/unlisted", "anthropic/claude-sonnet-4-5"] });
    expect(await resolveModel("agent", chain)).toEqual(["local/unlisted", "anthropic/claude-sonnet-4-5"]);
    const planned = await planRoute("agent", table({ agent: ["local/unlisted"] }));
    // A provider without its own modelAsNamed is reached through its type's usual API.
    expect(planned.targets.get("local/unlisted")?.model).toEqual({ id: "unlisted", apis: ["openai-chat"] });
  });

  it("an explicit target is never refused because the provider's model list cannot be had", async () => {
    const noListing: Provider = {
      ...provider("fc", []),
      type: "anthropic",
      resolveModel: () => Promise.reject(new GatewayError("upstream_error", "fc answered 404 Not Found")),
      listModels: () => Promise.reject(new GatewayError("upstream_error", "fc answered 404 Not Found")),
    };
    const routes = table({ agent: ["fc/m"], wild: ["fc/*"] }, [noListing, local]);
    expect(await resolveModel("agent", routes)).toEqual(["fc/m"]);
    expect(await resolveModel("fc/m", routes)).toEqual(["fc/m"]);
    expect(await resolveModel("wild", routes)).toEqual(["fc/wild"]);
    const planned = await planRoute("agent", routes);
    expect(planned.targets.get("fc/m")?.model.apis).toEqual(["anthropic-messages"]);
    const withOwnGuess: Provider = { ...noListing, modelAsNamed: (id) => ({ id, apis: ["openai-responses"] }) };
    const guessed = await planRoute("agent", table({ agent: ["fc/m"] }, [withOwnGuess]));
    expect(guessed.targets.get("fc/m")?.model.apis).toEqual(["openai-responses"]);
  });

  it("with no providers at all, explains what to configure", async () => {
    await expect(resolveModel("gpt-5", table({}, []))).rejects.toThrow(/No provider is configured/);
  });
});

describe("selectApi", () => {
  it("prefers the client's API (passthrough), else the model's first", () => {
    expect(selectApi("openai-chat", { id: "m", apis: ["openai-responses", "openai-chat"] })).toBe("openai-chat");
    expect(selectApi("anthropic-messages", { id: "m", apis: ["openai-responses", "openai-chat"] })).toBe(
      "openai-responses",
    );
  });
});
