import { mkdir, mkdtemp, realpath, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { ConfigFile } from "../../../src/config/index.js";
import type { WireApi } from "../../../src/protocols/wire-api.js";
import type { UsageStore } from "../../../src/store/usage-store.js";
import { startStack, type Stack } from "../../conformance/support/start-stack.js";
import { startRecordingProxy, type RecordingProxy } from "./recording-proxy.js";

/** The fake upstream, the gateway, a recording proxy in front of it, and a fresh working directory. */
export interface E2eStack {
  stack: Stack;
  proxy: RecordingProxy;
  /** The working directory the client runs in (real path: macOS /tmp is a symlink). */
  workdir: string;
  /** Writes what the client sent and what the upstream received, for reading after a failure. */
  saveObservations(name: string): Promise<string>;
  close(): Promise<void>;
}

export async function startE2eStack(
  upstreamApi: WireApi,
  options: {
    mcpServers?: ConfigFile["mcp_servers"];
    mcp?: ConfigFile["mcp"];
    usageStore?: UsageStore;
    store?: ConfigFile["store"];
  } = {},
): Promise<E2eStack> {
  const stack = await startStack({ upstreamApi, ...options });
  const proxy = await startRecordingProxy(stack.gatewayUrl);
  const workdir = await realpath(await mkdtemp(join(tmpdir(), "switchboard-e2e-work-")));
  return {
    stack,
    proxy,
    workdir,
    async saveObservations(name) {
      const folder = join(tmpdir(), "switchboard-e2e-observed");
      await mkdir(folder, { recursive: true });
      const file = join(folder, `${name.replace(/[^a-zA-Z0-9.-]+/g, "_")}.json`);
      const upstream = stack.fake.calls.map((call) => ({
        api: call.api,
        path: call.path,
        headers: call.headers,
        body: call.body,
      }));
      await writeFile(file, JSON.stringify({ client: proxy.requests, upstream }, null, 1));
      return file;
    },
    async close() {
      await proxy.close();
      await stack.close();
    },
  };
}

/** A header as one string (Node gives arrays for repeated headers). */
export function headerOf(headers: Record<string, string | string[] | undefined>, name: string): string | undefined {
  const value = headers[name];
  return Array.isArray(value) ? value.join(", ") : value;
}
