import type { UpstreamTimeouts } from "../provider.js";
import { sendUpstream, type SendFunction } from "../../upstream/index.js";

export const defaultSend: SendFunction = sendUpstream;

export const defaultTimeouts: UpstreamTimeouts = { connectMs: 10_000, firstByteMs: 120_000, idleMs: 120_000 };
