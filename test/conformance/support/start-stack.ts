import { resolveConfig } from "../../../src/config/index.js";
import { startServer } from "../../../src/server/node.js";
import type { UsageStore } from "../../../src/store/usage-store.js";
import { startFakeUpstream } from "../../fake-upstream/index.js";
import type { FakeUpstream, RecordedCall } from "../../fake-upstream/types.js";
import type { UpstreamScript } from "./case-context.js";
import { gatewayConfigFile, upstreamKey, upstreamModel, type GatewayConfigOptions } from "./gateway-config.js";
import { startStreamErrorInjector } from "./inject-stream-error.js";
import { toFakeReply } from "./to-fake-reply.js";
import { viewUpstreamRequest } from "./upstream-view.js";

/**
 * A fake upstream and the gateway in front of it, both on loopback port 0, with a proxy between
 * them that can turn a streamed answer into one that fails halfway.
 */
export interface Stack {
  gatewayUrl: string;
  fake: FakeUpstream;
  /** Generation requests only (model listings and probes left out). */
  generationCalls(): RecordedCall[];
  setScript(script: UpstreamScript): void;
  close(): Promise<void>;
}

const generationApis = new Set<string>(["openai-chat", "openai-responses", "anthropic-messages"]);

export async function startStack(
  options: Omit<GatewayConfigOptions, "fakeUrl"> & { usageStore?: UsageStore },
): Promise<Stack> {
  let script: UpstreamScript = () => ({ text: "no script set" });
  const fake = await startFakeUpstream({
    apiKey: upstreamKey,
    models: [upstreamModel],
    script: (call) => {
      const reply = script(viewUpstreamRequest(options.upstreamApi, call.body), call);
      if (reply.streamError !== undefined) injector.armNext(reply.streamError.message);
      return toFakeReply(reply);
    },
  });
  const injector = await startStreamErrorInjector({ targetUrl: fake.url, api: options.upstreamApi });
  const configFile = gatewayConfigFile({ ...options, fakeUrl: injector.url });
  const config = resolveConfig(configFile, {}, { port: 0 });
  let server: Awaited<ReturnType<typeof startServer>>;
  try {
    server = await startServer({
      config,
      port: 0,
      ...(options.usageStore === undefined ? {} : { usageStore: options.usageStore }),
    });
  } catch (error) {
    await injector.close();
    await fake.close();
    throw error;
  }
  return {
    gatewayUrl: server.url,
    fake,
    generationCalls: () => fake.calls.filter((call) => generationApis.has(call.api)),
    setScript(next) {
      script = next;
    },
    async close() {
      await server.close();
      await injector.close();
      await fake.close();
    },
  };
}
