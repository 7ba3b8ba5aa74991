import { targetsOfRoute } from "../../config/check-route-targets.js";
import type { LoadedConfig } from "../../config/load-config.js";
import { isGatewayError } from "../../errors/index.js";
import { within } from "../../lib/within.js";
import type { ModelInfo, Provider } from "../../providers/provider.js";
import { checkClientModel, type ClientModel } from "./check-client-models.js";
import { fail, note, pass, type CheckResult } from "./check-result.js";
import { describeDuoAccess } from "../support/describe-duo-access.js";
import { describeCopilotAccount } from "./describe-copilot-account.js";

function fixFor(provider: Provider, error: unknown): string {
  const code = isGatewayError(error) ? error.code : undefined;
  if (code === "upstream_authentication" || code === "authentication" || code === "permission") {
    if (provider.type === "github-copilot") return "sign in with `switchboard login github` (or set GH_TOKEN)";
    if (provider.type === "gitlab-duo")
      return `set providers.${provider.id}.token (or GITLAB_TOKEN) to a personal access token with the api scope, of a user with a Duo seat`;
    return `check providers.${provider.id}.api_key (or its environment variable) and that the account has access`;
  }
  return `check that providers.${provider.id}.base_url is right and the host is reachable from here`;
}

function listWithin(provider: Provider, timeoutMs: number): Promise<ModelInfo[]> {
  return within(provider.listModels(), timeoutMs);
}

/** The GitHub account behind a Copilot provider, its plan and premium requests (`; octocat, plan …`). */
async function accountOf(provider: Provider, timeoutMs: number): Promise<string> {
  if (provider.signInState === undefined) return "";
  try {
    const state = await within(provider.signInState(), timeoutMs);
    if (state.kind === "github") return `; ${describeCopilotAccount(state)}`;
    if (state.kind === "gitlab") return `; ${describeDuoAccess(state)}`;
    return "";
  } catch (error) {
    return `; plan not read (${error instanceof Error ? error.message : String(error)})`;
  }
}

/**
 * Each provider reached and signed in: listing its models does both for Copilot (its token
 * exchange) and an API key's discovered `/models`; `verifySignIn` does it where the list did not
 * reach the upstream (Duo's built-in table: its direct access; a config's `models:`: `/models`
 * asked anyway). Then every target of each route (deployments and fallbacks) offered by a provider
 * that answered, and the models the clients' settings ask for (`clientModels`): routable, and
 * usable by the account.
 */
export async function checkProviders(
  loaded: LoadedConfig,
  providers: Map<string, Provider>,
  timeoutMs = 10_000,
  clientModels: ClientModel[] = [],
): Promise<CheckResult[]> {
  const results: CheckResult[] = [];
  const offered = new Map<string, ModelInfo[]>();
  try {
    if (providers.size === 0)
      results.push(
        fail("Providers", "none configured or found", "add one to the config, or run `switchboard login github`"),
      );
    for (const provider of providers.values()) {
      const name = `Provider ${provider.id} (${provider.type})`;
      try {
        const models = await listWithin(provider, timeoutMs);
        // A list that did not reach the upstream (Duo's built-in one, a config's `models:`) proves no sign-in.
        if (provider.verifySignIn !== undefined) await within(provider.verifySignIn(), timeoutMs);
        offered.set(provider.id, models);
        const account = await accountOf(provider, timeoutMs);
        results.push(pass(name, `reached and signed in; ${models.length} models${account}`));
      } catch (error) {
        results.push(fail(name, error instanceof Error ? error.message : String(error), fixFor(provider, error)));
      }
    }
    const routes = loaded.config.routes;
    for (const [alias, route] of Object.entries(routes)) {
      // The whole chain: a fallback that names nothing fails exactly when it is needed.
      for (const target of new Set(targetsOfRoute(route))) {
        if (routes[target] !== undefined) continue; // another route, checked on its own
        results.push(await checkTarget(alias, target, providers, offered));
      }
    }
    const aliases = Object.keys(loaded.config.routes);
    for (const entry of clientModels) results.push(await checkClientModel({ entry, providers, offered, aliases }));
  } finally {
    await Promise.all([...providers.values()].map((provider) => provider.close().catch(() => undefined)));
  }
  return results;
}

async function checkTarget(
  alias: string,
  target: string,
  providers: Map<string, Provider>,
  offered: Map<string, ModelInfo[]>,
): Promise<CheckResult> {
  const name = `Route ${alias} → ${target}`;
  const slash = target.indexOf("/");
  const provider = slash === -1 ? undefined : providers.get(target.slice(0, slash));
  const candidates = provider === undefined ? [...providers.values()] : [provider];
  const model = provider === undefined ? target : target.slice(slash + 1);
  for (const candidate of candidates) {
    if (!offered.has(candidate.id)) continue;
    const resolved = await candidate.resolveModel(model).catch(() => undefined);
    if (resolved !== undefined) return pass(name, `offered by ${candidate.id} as ${resolved.id}`);
  }
  const answered = candidates.filter((candidate) => offered.has(candidate.id)).map((candidate) => candidate.id);
  // Model lists leave embedding models out (they cannot chat), so an embeddings route's target is
  // never "offered". Such ids name themselves (text-embedding-3-small, nomic-embed-text, …).
  const embedder = provider?.embed !== undefined && offered.has(provider.id) && /embed/i.test(model);
  if (embedder)
    return note(
      name,
      `an embeddings model: /v1/embeddings sends it to ${provider.id} as named (not listed, not checked)`,
    );
  const prefix = slash > 0 && provider === undefined ? target.slice(0, slash) : undefined;
  const reason =
    prefix !== undefined
      ? `no provider is named "${prefix}", and ${answered.length === 0 ? "no provider answered" : `none of ${answered.join(", ")} offers "${target}"`}`
      : answered.length === 0
        ? "no provider that could serve it answered"
        : `not offered by ${answered.join(", ")}`;
  return fail(name, reason, "pick a model the provider lists (`curl …/v1/models`), or fix the provider above");
}
