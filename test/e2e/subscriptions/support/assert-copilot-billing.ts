import type { ExpectStatic } from "vitest";
import { copilotCostHeader } from "../../../../src/providers/github-copilot/index.js";
import type { SubscriptionStack } from "./start-subscription-stack.js";

/**
 * Who pays on Copilot: the first request of the person's prompt is `X-Initiator: user`, every
 * tool-result continuation `agent` (a premium request is counted on user turns only); the
 * gateway tells the client so in the cost header, with the model's multiplier.
 */
export function assertCopilotBilling(options: {
  expect: ExpectStatic;
  stack: SubscriptionStack;
  clientPath: string;
  model: string;
  multiplier: string;
  context: string;
}): void {
  const { expect, stack, context } = options;
  const initiators = stack.calls().map((call) => call.headers["x-initiator"]);
  expect(initiators.length, context).toBeGreaterThanOrEqual(2);
  expect(initiators[0], context).toBe("user");
  expect(new Set(initiators.slice(1)), context).toEqual(new Set(["agent"]));
  const costs = stack.answers
    .filter((answer) => answer.method === "POST" && answer.path.startsWith(options.clientPath))
    .map((answer) => answer.headers[copilotCostHeader]);
  expect(costs.length, context).toBe(initiators.length);
  expect(costs[0], context).toBe(`initiator=user; model=${options.model}; multiplier=${options.multiplier}`);
  for (const cost of costs.slice(1)) {
    expect(cost, context).toBe(`initiator=agent; model=${options.model}; multiplier=${options.multiplier}`);
  }
}
