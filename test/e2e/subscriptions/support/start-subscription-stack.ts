import { mkdtemp, realpath } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { resolveConfig, type ConfigFile } from "../../../../src/config/index.js";
import type { WireApi } from "../../../../src/protocols/wire-api.js";
import { startServer } from "../../../../src/server/node.js";
import type { UpstreamScript } from "../../../conformance/support/case-context.js";
import { gatewayKey } from "../../../conformance/support/gateway-config.js";
import { toFakeReply } from "../../../conformance/support/to-fake-reply.js";
import { viewUpstreamRequest } from "../../../conformance/support/upstream-view.js";
import { startFakeGithub, type FakeGithub, type SubscriptionScript } from "../../../fake-github/start-fake-github.js";
import { startFakeGitlab, type FakeGitlab } from "../../../fake-gitlab/start-fake-gitlab.js";
import { startRecordingProxy, type RecordingProxy } from "../../support/recording-proxy.js";
import { captureResponseHeaders, type GatewayAnswer } from "./capture-response-headers.js";

export type Subscription = "copilot" | "duo";

/** One generation request a subscription fake received. */
export interface SubscriptionCall {
  api: WireApi;
  path: string;
  headers: Record<string, string>;
  body: Record<string, unknown>;
}

/**
 * The fake GitHub/Copilot or fake GitLab/Duo, the gateway in-process configured with only that
 * provider (`type: github-copilot` or `type: gitlab-duo`, pointed at the fake), the e2e suite's
 * recording proxy in front, and a fresh working directory.
 */
export interface SubscriptionStack {
  subscription: Subscription;
  proxy: RecordingProxy;
  workdir: string;
  /** Generation requests the fake answered (Copilot: with their `X-Initiator`). */
  calls(): SubscriptionCall[];
  /** What the gateway answered, with response headers (the Copilot cost header). */
  answers: GatewayAnswer[];
  setScript(script: UpstreamScript): void;
  close(): Promise<void>;
}

const copilotPaths: Record<string, WireApi> = {
  "/copilot/chat/completions": "openai-chat",
  "/copilot/responses": "openai-responses",
  "/copilot/v1/messages": "anthropic-messages",
};
const duoPaths: Record<string, WireApi> = {
  "/ai/v1/proxy/anthropic/v1/messages": "anthropic-messages",
  "/ai/v1/proxy/openai/v1/chat/completions": "openai-chat",
  "/ai/v1/proxy/openai/v1/responses": "openai-responses",
};

function providerEntry(
  subscription: Subscription,
  fake: FakeGithub | FakeGitlab,
): NonNullable<ConfigFile["providers"]>[string] {
  if (subscription === "copilot") {
    const github = fake as FakeGithub;
    return { type: "github-copilot", token: "ghu_valid", github_url: github.githubUrl, github_api_url: github.apiUrl };
  }
  const gitlab = fake as FakeGitlab;
  return { type: "gitlab-duo", token: "glpat-valid", instance_url: gitlab.instanceUrl, gateway_url: gitlab.gatewayUrl };
}

export async function startSubscriptionStack(
  subscription: Subscription,
  fakeOptions: { offerCountTokens?: boolean } = {},
): Promise<SubscriptionStack> {
  let script: UpstreamScript = () => ({ text: "no script set" });
  const fakeScript: SubscriptionScript = (call) =>
    toFakeReply(
      script(viewUpstreamRequest(call.api, call.body), {
        api: call.api,
        path: "",
        headers: call.headers,
        body: call.body,
      }),
    );
  const fake =
    subscription === "copilot"
      ? await startFakeGithub({ ...fakeOptions, script: fakeScript })
      : await startFakeGitlab({ ...fakeOptions, script: fakeScript });
  const home = await mkdtemp(join(tmpdir(), "switchboard-subs-home-"));
  const config = resolveConfig(
    {
      server: { api_key: gatewayKey, log_level: "silent" },
      providers: { [subscription]: providerEntry(subscription, fake) },
      routing: { max_retries: 0 },
    },
    {},
    { port: 0 },
  );
  const server = await startServer({
    config,
    port: 0,
    host: "127.0.0.1",
    env: { HOME: home },
    configDir: join(home, "switchboard"),
  });
  const answers = captureResponseHeaders(server.app.server);
  const proxy = await startRecordingProxy(server.url);
  const workdir = await realpath(await mkdtemp(join(tmpdir(), "switchboard-subs-work-")));
  const calls = (): SubscriptionCall[] => {
    const recorded =
      subscription === "copilot" ? (fake as FakeGithub).state.apiRequests : (fake as FakeGitlab).state.gatewayRequests;
    const paths = subscription === "copilot" ? copilotPaths : duoPaths;
    return recorded.flatMap((request) => {
      const api = paths[request.path.split("?")[0] ?? ""];
      return api === undefined
        ? []
        : [{ api, path: request.path, headers: request.headers, body: request.body as Record<string, unknown> }];
    });
  };
  return {
    subscription,
    proxy,
    workdir,
    calls,
    answers,
    setScript(next) {
      script = next;
    },
    async close() {
      await proxy.close();
      await server.close();
      await fake.close();
    },
  };
}
