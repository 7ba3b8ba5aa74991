import { describe, it } from "vitest";
import { gatewayKey } from "../../conformance/support/gateway-config.js";
import { startSubscriptionStack, type Subscription } from "./support/start-subscription-stack.js";

const models: Record<Subscription, string> = { copilot: "claude-sonnet-4.5", duo: "duo-chat-sonnet-4-5" };

async function countTokens(url: string, model: string): Promise<{ status: number; headers: Headers; body: unknown }> {
  const response = await fetch(`${url}/v1/messages/count_tokens?beta=true`, {
    method: "POST",
    headers: { "content-type": "application/json", "x-api-key": gatewayKey, "anthropic-version": "2023-06-01" },
    body: JSON.stringify({ model, messages: [{ role: "user", content: "Count these words, please." }] }),
  });
  return { status: response.status, headers: response.headers, body: await response.json() };
}

describe.concurrent("count_tokens through a subscription provider", () => {
  for (const subscription of ["copilot", "duo"] as const) {
    it(`${subscription}: the upstream's own count`, async ({ expect }) => {
      const stack = await startSubscriptionStack(subscription);
      try {
        const answer = await countTokens(stack.proxy.url, models[subscription]);
        expect(answer.status, JSON.stringify(answer.body)).toBe(200);
        expect(answer.body).toEqual({ input_tokens: expect.any(Number) });
        expect(answer.headers.get("x-switchboard-token-count")).toBeNull();
      } finally {
        await stack.close();
      }
    });

    it(`${subscription}: an upstream without count_tokens gets an estimate, not an error`, async ({ expect }) => {
      const stack = await startSubscriptionStack(subscription, { offerCountTokens: false });
      try {
        const answer = await countTokens(stack.proxy.url, models[subscription]);
        expect(answer.status, JSON.stringify(answer.body)).toBe(200);
        expect(answer.body).toEqual({ input_tokens: expect.any(Number) });
        expect(answer.headers.get("x-switchboard-token-count")).toBe("estimate");
      } finally {
        await stack.close();
      }
    });
  }
});
