import type { FakeRateLimit } from "./fake-rate-limit.js";
import type { FakePromptCache } from "../fake-upstream/fake-prompt-cache.js";
import type { SubscriptionScript } from "./write-scripted-reply.js";

export type DeviceAnswer = "authorization_pending" | "slow_down" | "expired_token" | "access_denied" | "success";

export interface RecordedRequest {
  method: string;
  path: string;
  headers: Record<string, string>;
  body: unknown;
}

export interface FakeGithubOptions {
  /** GitHub tokens the fake accepts for the Copilot token exchange. */
  githubTokens?: string[];
  /** GitHub tokens of accounts without Copilot (the exchange answers 403). */
  tokensWithoutCopilot?: string[];
  /** Lifetime of issued Copilot tokens, in seconds of the fake clock. */
  tokenLifetimeSeconds?: number;
  refreshInSeconds?: number;
  /** The clock both sides share in tests (milliseconds). */
  now?: () => number;
  /** Answers to successive device-flow polls; the last repeats. */
  deviceAnswers?: DeviceAnswer[];
  deviceInterval?: number;
  deviceExpiresIn?: number;
  /** The token the device flow hands out on success. */
  deviceToken?: string;
  sku?: string;
  /** Answers generation requests (tool call first, text after the tool result); the fixed reply otherwise. */
  script?: SubscriptionScript;
  /** Serve `/v1/messages/count_tokens` for Claude models. Default true. */
  offerCountTokens?: boolean;
  /** Anthropic's prompt cache behind `/v1/messages` (usage then comes from it). */
  promptCache?: FakePromptCache;
  /** Copilot's per-account rate limit on the generation endpoints. */
  rateLimit?: FakeRateLimit;
  /** Time a generation answer takes before its headers (a model thinking), in ms. */
  answerDelayMs?: number;
}

export interface FakeGithubState {
  tokenExchanges: number;
  devicePolls: RecordedRequest[];
  deviceCodeRequests: RecordedRequest[];
  /** Requests to the Copilot API (`/models`, the chat endpoints). */
  apiRequests: RecordedRequest[];
  /** Answers with 402 "quota exceeded" on premium models when set. */
  quotaExhausted: boolean;
  premiumRemaining: number;
  /** Every Copilot token issued so far answers 401 from now on (as after a server-side rotation). */
  revokeCopilotTokens: () => void;
  /** Holds token exchanges open until the returned function is called. */
  holdTokenExchanges: () => () => void;
}
