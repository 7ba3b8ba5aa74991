import type { UsageRecord } from "./usage-record.js";

/**
 * Premium requests spent and saved, from the `x-switchboard-copilot-cost` header the Copilot
 * provider puts on every answer (`initiator=agent; model=claude-sonnet-4.5; multiplier=1`).
 * A user-initiated turn spends the model's multiplier; an agent-initiated one (a tool-loop
 * continuation, a side request) would have been billed the same as a prompt by a gateway that
 * marks everything `user`, so it counts as saved. An unknown multiplier counts as 1.
 */
export function premiumOf(costHeader: string | undefined): Pick<UsageRecord, "premiumSpent" | "premiumSaved"> {
  if (costHeader === undefined) return {};
  let initiator: string | undefined;
  let multiplier = 1;
  for (const part of costHeader.split(";")) {
    const [name, value] = part.split("=").map((text) => text.trim());
    if (name === "initiator") initiator = value;
    if (name === "multiplier" && value !== undefined && value !== "unknown") {
      const parsed = Number(value);
      if (Number.isFinite(parsed) && parsed >= 0) multiplier = parsed;
    }
  }
  if (initiator === "user") return { premiumSpent: multiplier, premiumSaved: 0 };
  if (initiator === "agent") return { premiumSpent: 0, premiumSaved: multiplier };
  return {};
}
