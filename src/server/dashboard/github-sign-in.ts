import { isGatewayError } from "../../errors/gateway-error.js";
import type { Gateway } from "../../gateway/gateway.js";
import type { Logger } from "../../lib/logger.js";
import {
  GithubCopilotProvider,
  copilotConfigSchema,
  deleteSavedGithubToken,
  describeTokenSource,
  findGithubToken,
  resolveCopilotSettings,
  type CopilotSettings,
} from "../../providers/github-copilot/index.js";
import { defaultSend, defaultTimeouts } from "../../providers/github-copilot/http.js";
import { signInGithub } from "../../providers/github-copilot/sign-in-github.js";
import type { ProviderConfig } from "../../config/schema.js";

/** What the page shows of the browser sign-in; never the token. */
export type GithubSignInPhase =
  | { phase: "idle" }
  | { phase: "waiting"; user_code: string; verification_uri: string; expires_at: string }
  | { phase: "signed-in"; account: string | null; plan: string | null; problem: string | null }
  | { phase: "failed"; message: string };

export interface GithubSignInOptions {
  gateway: Gateway;
  providers: Record<string, ProviderConfig>;
  env: NodeJS.ProcessEnv;
  configDir: string;
  logger: Logger;
  /** Rebuilds the providers after the saved login changed, so Copilot serves without a restart. */
  reloadProviders: () => Promise<void>;
  /** Test seam: the wait between two polls of GitHub. */
  sleep?: (milliseconds: number) => Promise<void>;
}

/**
 * GitHub's device flow run by the gateway for the page: one flow at a time. The token is saved
 * exactly as `switchboard login github` saves it (same function), then the providers are rebuilt.
 */
export class GithubSignIn {
  private current: GithubSignInPhase = { phase: "idle" };
  private abort: AbortController | undefined;

  constructor(private readonly options: GithubSignInOptions) {}

  get state(): GithubSignInPhase {
    return this.current;
  }

  /** The Copilot settings in use: those of a running Copilot provider, else the config entry's, else GitHub.com. */
  private settings(): CopilotSettings {
    for (const provider of this.options.gateway.table.providers.values()) {
      if (provider instanceof GithubCopilotProvider) return provider.settings;
    }
    const entry = Object.values(this.options.providers).find((candidate) => candidate.type === "github-copilot");
    return resolveCopilotSettings(copilotConfigSchema.parse(entry ?? {}), this.options.env);
  }

  /** Starts a flow (or returns the one waiting) and resolves once GitHub gave the code. */
  async start(): Promise<GithubSignInPhase> {
    if (this.current.phase === "waiting") return this.current;
    this.abort = new AbortController();
    const signal = this.abort.signal;
    const settings = this.settings();
    let codeShown: (phase: GithubSignInPhase) => void = () => undefined;
    const shown = new Promise<GithubSignInPhase>((resolve) => (codeShown = resolve));
    const flow = signInGithub({
      settings,
      configDir: this.options.configDir,
      send: defaultSend,
      timeouts: defaultTimeouts,
      signal,
      ...(this.options.sleep === undefined ? {} : { sleep: this.options.sleep }),
      callbacks: {
        onCode: (code) => {
          this.current = {
            phase: "waiting",
            user_code: code.userCode,
            verification_uri: code.verificationUri,
            expires_at: new Date(Date.now() + code.expiresInSeconds * 1000).toISOString(),
          };
          codeShown(this.current);
        },
      },
    });
    flow.then(
      async (result) => {
        if (signal.aborted) return;
        await this.options
          .reloadProviders()
          .catch((error: unknown) =>
            this.options.logger.error({ err: error }, "providers not rebuilt after the GitHub sign-in"),
          );
        this.current = {
          phase: "signed-in",
          account: result.user?.account ?? null,
          plan: result.user?.plan ?? result.sku ?? null,
          problem: result.problem ?? null,
        };
        this.options.logger.info({ account: result.user?.account }, "signed in to GitHub from the dashboard");
      },
      (error: unknown) => {
        if (signal.aborted) return;
        this.current = { phase: "failed", message: isGatewayError(error) ? error.message : String(error) };
        codeShown(this.current);
      },
    );
    return shown;
  }

  cancel(): void {
    this.abort?.abort();
    this.current = { phase: "idle" };
  }

  /** Removes the saved login; says which other login (gh, a variable) Copilot will still use. */
  async signOut(): Promise<{ removed: boolean; still_signed_in_with: string | null }> {
    this.cancel();
    const removed = await deleteSavedGithubToken(this.options.configDir);
    await this.options.reloadProviders();
    const settings = this.settings();
    const remaining = await findGithubToken({
      configToken: settings.configToken,
      env: this.options.env,
      configDir: this.options.configDir,
      host: settings.githubHost,
    });
    return { removed, still_signed_in_with: remaining === undefined ? null : describeTokenSource(remaining.source) };
  }
}
