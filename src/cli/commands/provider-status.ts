import type { LoadedConfig } from "../../config/load-config.js";
import type { ProviderConfig } from "../../config/schema.js";
import { within } from "../../lib/within.js";
import { copilotDetectionOff } from "../../providers/github-copilot/detect-copilot.js";
import type { Provider } from "../../providers/provider.js";
import { buildProviders } from "../support/build-providers.js";
import { describeDuoAccess } from "../support/describe-duo-access.js";
import { writerOf, type GithubCommandContext, type GithubHostOptions } from "./github-command-context.js";
import { showGithubStatus } from "./status.js";

const timeoutMs = 10_000;

/**
 * The providers part of `switchboard status`: the sign-in of each provider the config (or, with
 * none configured, the environment) gives the gateway, and nothing of the others: a user with only
 * an OpenAI key has no Copilot sign-in to miss. Returns whether every one is signed in.
 */
export async function showProviderStatus(
  context: GithubCommandContext,
  options: GithubHostOptions = {},
): Promise<boolean> {
  const write = writerOf(context);
  // Without a config loader (the GitHub command tests) Copilot is the one provider, as `copilotConfig` says.
  if (context.loadConfig === undefined) return isHealthy(await showGithubStatus(context, options));
  let loaded: LoadedConfig;
  try {
    loaded = await context.loadConfig(options.config === undefined ? {} : { config: options.config });
  } catch (error) {
    write(`Config: ${error instanceof Error ? error.message : String(error)}`);
    return false;
  }
  const scoped = { ...context, env: loaded.env, configDir: loaded.configDir };
  const entries = Object.entries(loaded.config.providers);
  if (entries.length === 0) {
    // No config and no sign-in found: Copilot is the provider `start` would use once signed in.
    if (!copilotDetectionOff(loaded.env)) await showGithubStatus(scoped, options);
    write(
      "Providers: none configured or found; run `switchboard login github`, set GITLAB_TOKEN, OPENAI_API_KEY or ANTHROPIC_API_KEY, or add one to the config.",
    );
    return false;
  }
  let healthy = true;
  for (const [, entry] of entries) {
    if (entry.type !== "github-copilot") continue;
    const status = await showGithubStatus({ ...scoped, copilotConfig: entry }, options);
    healthy = isHealthy(status) && healthy;
  }
  const others = Object.fromEntries(entries.filter(([, entry]) => entry.type !== "github-copilot"));
  if (Object.keys(others).length > 0) healthy = (await showOtherProviders(loaded, others, write)) && healthy;
  return healthy;
}

function isHealthy(status: { signedIn: boolean; problem?: string }): boolean {
  return status.signedIn && status.problem === undefined;
}

/** One line per provider: signed in (the key accepted, Duo's direct access granted) or why not. */
async function showOtherProviders(
  loaded: LoadedConfig,
  entries: Record<string, ProviderConfig>,
  write: (line: string) => void,
): Promise<boolean> {
  let providers: Map<string, Provider>;
  try {
    providers = buildProviders({ ...loaded, config: { ...loaded.config, providers: entries } });
  } catch (error) {
    write(`Providers: ${error instanceof Error ? error.message : String(error)}`);
    return false;
  }
  let healthy = true;
  try {
    for (const provider of providers.values()) {
      const name = `Provider ${provider.id} (${provider.type})`;
      try {
        // Each kind proves its sign-in its own way: an API key's `/models`, Duo's direct-access token.
        if (provider.verifySignIn !== undefined) await within(provider.verifySignIn(), timeoutMs);
        else await within(provider.listModels(), timeoutMs);
        write(`${name}: signed in${await detailOf(provider)}`);
      } catch (error) {
        write(`${name}: ${error instanceof Error ? error.message : String(error)}`);
        healthy = false;
      }
    }
  } finally {
    await Promise.all([...providers.values()].map((provider) => provider.close().catch(() => undefined)));
  }
  return healthy;
}

async function detailOf(provider: Provider): Promise<string> {
  const state = await provider.signInState?.().catch(() => undefined);
  if (state?.kind === "api-key") return " (API key accepted)";
  if (state?.kind === "gitlab") return ` (${describeDuoAccess(state)})`;
  return "";
}
