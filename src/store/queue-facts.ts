import type { UsageRecord } from "./usage-record.js";

/** The usage record's queue facts from a provider's `x-switchboard-queue` header (src/providers/queue-header.ts). */
export function queueFactsOf(header: string | undefined): Pick<UsageRecord, "queueWaitMs" | "queueDepth"> {
  if (header === undefined) return {};
  const facts: Pick<UsageRecord, "queueWaitMs" | "queueDepth"> = {};
  for (const part of header.split(";")) {
    const [name, value] = part.split("=").map((text) => text.trim());
    const number = Number(value);
    if (value === undefined || value === "" || !Number.isFinite(number) || number < 0) continue;
    if (name === "waited_ms") facts.queueWaitMs = number;
    if (name === "depth") facts.queueDepth = number;
  }
  return facts;
}
