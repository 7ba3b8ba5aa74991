import { z } from "zod";
import type { PacingSettings } from "./account-pacer.js";

/** The `providers.<id>` entry for `type: github-copilot`. Every field is optional. */
export const copilotConfigSchema = z.strictObject({
  type: z.literal("github-copilot").optional(),
  /** A GitHub token (`ghu_`/`gho_`/`github_pat_`), first link of the sign-in chain. */
  token: z.string().min(1).optional(),
  github_url: z.url().optional(),
  github_api_url: z.url().optional(),
  /** Overrides the API base the Copilot token names (`endpoints.api`). */
  base_url: z.url().optional(),
  /** Where side requests (session titles, subagent openers) go, to spare premium requests. */
  background_model: z.string().min(1).optional(),
  default_model: z.string().min(1).optional(),
  /** Pacing per account (README: "Pacing"): requests in flight at once. */
  max_concurrency: z.number().int().min(1).optional(),
  /** The least time between two request starts, in milliseconds. */
  min_request_interval_ms: z.number().int().min(0).optional(),
  /** The longest a request waits for its turn (through rate-limit holds) before it is answered 429. */
  max_queue_wait_s: z.number().min(0).optional(),
});

export type CopilotConfigEntry = z.infer<typeof copilotConfigSchema>;

export interface CopilotSettings {
  configToken: string | undefined;
  githubUrl: string;
  githubApiUrl: string;
  /** The host whose logins count (`github.com` or the enterprise host), for `hosts.yml` / `apps.json`. */
  githubHost: string;
  baseUrl: string | undefined;
  backgroundModel: string | undefined;
  defaultModel: string | undefined;
  pacing: PacingSettings;
}

/** Pacing defaults (README: "Pacing" gives the reasons). */
export const defaultPacing: PacingSettings = { maxConcurrency: 4, minIntervalMs: 250, maxQueueWaitMs: 30_000 };

export const publicGithubUrl = "https://github.com";
export const publicGithubApiUrl = "https://api.github.com";
export const individualCopilotApiUrl = "https://api.githubcopilot.com";

function trimSlash(url: string): string {
  return url.replace(/\/+$/, "");
}

/**
 * Resolves the settings: environment over file over defaults (the project's precedence).
 * GitHub Enterprise Server keeps the same paths under `<host>/api/v3`, so an enterprise
 * `github_url` without an explicit API URL gets that default.
 */
export function resolveCopilotSettings(entry: CopilotConfigEntry, env: NodeJS.ProcessEnv): CopilotSettings {
  const githubUrl = trimSlash(entry.github_url ?? publicGithubUrl);
  const githubHost = new URL(githubUrl).host;
  const enterpriseApiDefault = githubHost === "github.com" ? publicGithubApiUrl : `${githubUrl}/api/v3`;
  const githubApiUrl = trimSlash(
    nonEmpty(env["GITHUB_COPILOT_ENDPOINT"]) ?? entry.github_api_url ?? enterpriseApiDefault,
  );
  return {
    configToken: entry.token,
    githubUrl,
    githubApiUrl,
    githubHost,
    baseUrl: entry.base_url === undefined ? undefined : trimSlash(entry.base_url),
    backgroundModel: entry.background_model,
    defaultModel: nonEmpty(env["GITHUB_COPILOT_MODEL"]) ?? entry.default_model,
    pacing: {
      maxConcurrency: entry.max_concurrency ?? defaultPacing.maxConcurrency,
      minIntervalMs: entry.min_request_interval_ms ?? defaultPacing.minIntervalMs,
      maxQueueWaitMs:
        entry.max_queue_wait_s === undefined ? defaultPacing.maxQueueWaitMs : entry.max_queue_wait_s * 1000,
    },
  };
}

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value.trim() === "" ? undefined : value.trim();
}
