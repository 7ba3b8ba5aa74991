import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describeTurn } from "../../src/gateway/turn/detect-initiator.js";
import { createSilentLogger } from "../../src/lib/logger.js";
import { GithubCopilotProvider } from "../../src/providers/github-copilot/copilot-provider.js";
import type { RequestContext, UpstreamRequest } from "../../src/providers/provider.js";
import type { WireApi } from "../../src/protocols/wire-api.js";
import type { FakeGithub } from "./start-fake-github.js";

export interface TestProviderOptions {
  /** The provider's id in the config (default `copilot`). */
  id?: string;
  config?: Record<string, unknown>;
  env?: NodeJS.ProcessEnv;
  now?: () => number;
}

/** A Copilot provider pointed at the fake, with an empty HOME so no real login leaks in. */
export async function createTestProvider(
  fake: FakeGithub,
  options: TestProviderOptions = {},
): Promise<GithubCopilotProvider> {
  const home = await mkdtemp(join(tmpdir(), "switchboard-copilot-home-"));
  return new GithubCopilotProvider(
    options.id ?? "copilot",
    {
      type: "github-copilot",
      token: "ghu_valid",
      github_url: fake.githubUrl,
      github_api_url: fake.apiUrl,
      ...options.config,
    },
    {
      env: { HOME: home, ...options.env },
      logger: createSilentLogger(),
      configDir: join(home, "switchboard"),
      timeouts: { connectMs: 5_000, firstByteMs: 10_000, idleMs: 10_000 },
    },
    options.now === undefined ? {} : { now: options.now },
  );
}

/**
 * A request as the gateway hands it to the provider: the turn's facts (initiator, side request,
 * images) are read from the body by the gateway's own rule, so tests see the whole decision.
 */
export function upstreamRequest(
  api: WireApi,
  body: Record<string, unknown>,
  context: Partial<RequestContext> = {},
): UpstreamRequest {
  return {
    api,
    model: String(body["model"]),
    body: JSON.stringify(body),
    stream: body["stream"] === true,
    context: {
      requestId: "req_test",
      clientApi: api,
      forwardHeaders: {},
      ...describeTurn(api, body),
      ...context,
    },
    signal: new AbortController().signal,
  };
}

export async function readAll(body: AsyncIterable<unknown>): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of body) chunks.push(typeof chunk === "string" ? Buffer.from(chunk) : (chunk as Buffer));
  return Buffer.concat(chunks).toString("utf8");
}
