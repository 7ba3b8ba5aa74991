import type { Transport } from "@modelcontextprotocol/sdk/shared/transport.js";

/** A progress notification's params without its token. */
export interface ProgressParams {
  progress: number;
  total?: number;
  message?: string;
}

/** Progress token (one of ours) → who receives that call's progress. */
export type ProgressListeners = Map<string, (params: ProgressParams) => void>;

/**
 * Takes the progress notifications for our tokens off an upstream transport before the SDK's
 * client sees them, and hands them to their listeners at once, in arrival order. The SDK runs its
 * own `onprogress` a microtask later than it settles the response, so the last notification,
 * arriving with the result, was dropped. Every other message goes on to the client unchanged.
 */
export function interceptProgress(transport: Transport, listeners: ProgressListeners): void {
  const deliver = transport.onmessage;
  transport.onmessage = (message, extra) => {
    if ("method" in message && message.method === "notifications/progress") {
      const params = (message.params ?? {}) as unknown as ProgressParams & { progressToken?: unknown };
      const listener = typeof params.progressToken === "string" ? listeners.get(params.progressToken) : undefined;
      if (listener !== undefined) {
        const { progressToken: _token, ...progress } = params;
        listener(progress);
        return;
      }
    }
    deliver?.(message, extra);
  };
}
