import { Agent } from "undici";
import type { UpstreamTimeouts } from "../providers/provider.js";

/** One keep-alive Agent per timeouts setting; each Agent keeps its own pool per origin. */
const agents = new Map<string, Agent>();

export function getUpstreamAgent(timeouts: UpstreamTimeouts): Agent {
  const key = `${timeouts.connectMs}/${timeouts.firstByteMs}/${timeouts.idleMs}`;
  let agent = agents.get(key);
  if (agent === undefined) {
    agent = new Agent({
      connectTimeout: timeouts.connectMs,
      headersTimeout: timeouts.firstByteMs,
      bodyTimeout: timeouts.idleMs,
      keepAliveTimeout: 30_000,
      keepAliveMaxTimeout: 600_000,
    });
    agents.set(key, agent);
  }
  return agent;
}

/** Closes every pool, for shutdown and tests. */
export async function closeUpstreamAgents(): Promise<void> {
  const closing = [...agents.values()].map((agent) => agent.close());
  agents.clear();
  await Promise.allSettled(closing);
}
