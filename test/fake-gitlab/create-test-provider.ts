import { randomUUID } from "node:crypto";
import { createSilentLogger } from "../../src/lib/logger.js";
import type { WireApi } from "../../src/protocols/wire-api.js";
import type { Provider, UpstreamRequest, UpstreamResponse } from "../../src/providers/provider.js";
import {
  createGitlabDuoProvider,
  type GitlabDuoDependencies,
} from "../../src/providers/gitlab-duo/create-gitlab-duo-provider.js";
import type { FakeGitlab } from "./start-fake-gitlab.js";

export const testTimeouts = { connectMs: 5_000, firstByteMs: 10_000, idleMs: 10_000 };

/** A Duo provider pointed at the fake, configured the way a user's config file would. */
export function createTestProvider(options: {
  fake: FakeGitlab;
  token?: string;
  config?: Record<string, unknown>;
  env?: NodeJS.ProcessEnv;
  dependencies?: GitlabDuoDependencies;
}): Provider {
  const config = options.config ?? {
    type: "gitlab-duo",
    token: options.token ?? "glpat-valid",
    instance_url: options.fake.instanceUrl,
    gateway_url: options.fake.gatewayUrl,
  };
  return createGitlabDuoProvider(
    "duo",
    config,
    { env: options.env ?? {}, logger: createSilentLogger(), configDir: "/nonexistent", timeouts: testTimeouts },
    options.dependencies,
  );
}

/** An upstream request as the gateway core builds it. */
export function upstreamRequest(options: {
  api: WireApi;
  model: string;
  stream?: boolean;
  body?: Record<string, unknown>;
  forwardHeaders?: Record<string, string>;
  operation?: "generate" | "count_tokens";
}): UpstreamRequest {
  const stream = options.stream ?? false;
  const body =
    options.body ??
    (options.api === "anthropic-messages"
      ? { model: options.model, max_tokens: 64, messages: [{ role: "user", content: "Hi" }], stream }
      : options.api === "openai-chat"
        ? {
            model: options.model,
            messages: [{ role: "user", content: "Hi" }],
            stream,
            ...(stream ? { stream_options: { include_usage: true } } : {}),
          }
        : { model: options.model, input: "Hi", stream });
  const request: UpstreamRequest = {
    api: options.api,
    model: options.model,
    body: JSON.stringify(body),
    stream,
    context: {
      requestId: randomUUID(),
      clientApi: options.api,
      initiator: "user",
      hasImages: false,
      forwardHeaders: options.forwardHeaders ?? {},
    },
    signal: new AbortController().signal,
  };
  if (options.operation !== undefined) request.operation = options.operation;
  return request;
}

export async function readBody(response: UpstreamResponse): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of response.body) chunks.push(Buffer.from(chunk as Uint8Array));
  return Buffer.concat(chunks).toString("utf8");
}
