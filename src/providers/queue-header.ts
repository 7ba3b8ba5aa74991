/**
 * `x-switchboard-queue: waited_ms=1234; depth=3`, which a provider with its own queue (Copilot's
 * pacing) puts on its answers and on the 429 its queue gives: the time the request waited for its
 * turn and how many were waiting ahead of it when it came. The gateway copies it into the usage
 * record (src/store/queue-facts.ts) and the client sees it too.
 */
export const queueHeader = "x-switchboard-queue";

export function formatQueueHeader(waitedMs: number, depth: number): string {
  return `waited_ms=${Math.max(0, Math.round(waitedMs))}; depth=${depth}`;
}
