import type { UpstreamTimeouts } from "../provider.js";
import { sendUpstream } from "../../upstream/index.js";

/**
 * The outbound call: the shared `sendUpstream` (keep-alive pools, timeouts, classification).
 * Tests may pass another function with the same contract; nothing in production does.
 */
export type SendFunction = typeof sendUpstream;

export const defaultSend: SendFunction = sendUpstream;

export const defaultTimeouts: UpstreamTimeouts = { connectMs: 10_000, firstByteMs: 120_000, idleMs: 120_000 };
