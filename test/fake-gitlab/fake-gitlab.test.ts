import Anthropic from "@anthropic-ai/sdk";
import OpenAI from "openai";
import { afterEach, describe, expect, it } from "vitest";
import { startFakeGitlab, type FakeGitlab } from "./start-fake-gitlab.js";

let fake: FakeGitlab | undefined;

afterEach(async () => {
  await fake?.close();
  fake = undefined;
});

/** The fake's answers must be what the official SDKs accept, or the provider tests prove nothing. */
async function directAccess(fake: FakeGitlab, pat: string): Promise<{ status: number; body: Record<string, unknown> }> {
  const response = await fetch(`${fake.instanceUrl}/api/v4/ai/third_party_agents/direct_access`, {
    method: "POST",
    headers: { authorization: `Bearer ${pat}`, "content-type": "application/json" },
    body: "{}",
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

describe("fake GitLab", () => {
  it("issues a token with x-gitlab headers and an expiry, and tells the refusals apart", async () => {
    fake = await startFakeGitlab({
      tokenLifeSeconds: 120,
      tokensWithoutApiScope: ["glpat-ro"],
      tokensWithoutSeat: ["glpat-seatless"],
    });
    const issued = await directAccess(fake, "glpat-valid");
    expect(issued.status).toBe(201);
    expect(issued.body["token"]).toBe("duo-direct-access-1");
    expect(Object.keys(issued.body["headers"] as object).every((name) => name.startsWith("x-gitlab-"))).toBe(true);
    expect(typeof issued.body["expires_at"]).toBe("number");
    expect(await directAccess(fake, "glpat-nope")).toEqual({ status: 401, body: { message: "401 Unauthorized" } });
    expect((await directAccess(fake, "glpat-ro")).body["error"]).toBe("insufficient_scope");
    expect(await directAccess(fake, "glpat-seatless")).toEqual({ status: 403, body: { message: "403 Forbidden" } });
    expect(fake.state.directAccessCalls).toBe(4);
  });

  it("answers the Anthropic proxy in the shape the Anthropic SDK reads, streamed and not", async () => {
    fake = await startFakeGitlab();
    const { body } = await directAccess(fake, "glpat-valid");
    const client = new Anthropic({
      baseURL: `${fake.gatewayUrl}/ai/v1/proxy/anthropic`,
      authToken: body["token"] as string,
      apiKey: null,
      defaultHeaders: body["headers"] as Record<string, string>,
    });
    const message = await client.messages.create({
      model: "claude-sonnet-4-6",
      max_tokens: 32,
      messages: [{ role: "user", content: "Hi" }],
    });
    expect(message.content).toEqual([{ type: "text", text: "Hello from Duo." }]);
    const stream = client.messages.stream({
      model: "claude-sonnet-4-6",
      max_tokens: 32,
      messages: [{ role: "user", content: "Hi" }],
    });
    const final = await stream.finalMessage();
    expect(final.content).toEqual([{ type: "text", text: "Hello from Duo." }]);
    expect(final.usage.output_tokens).toBe(3);
  });

  it("answers the OpenAI proxy in the shapes the OpenAI SDK reads: Chat chunks with [DONE], Responses events", async () => {
    fake = await startFakeGitlab();
    const { body } = await directAccess(fake, "glpat-valid");
    const client = new OpenAI({
      baseURL: `${fake.gatewayUrl}/ai/v1/proxy/openai/v1`,
      apiKey: body["token"] as string,
      defaultHeaders: body["headers"] as Record<string, string>,
    });
    const completion = await client.chat.completions.create({
      model: "gpt-5.1-2025-11-13",
      messages: [{ role: "user", content: "Hi" }],
    });
    expect(completion.choices[0]?.message.content).toBe("Hello from Duo.");
    let streamed = "";
    const chunks = await client.chat.completions.create({
      model: "gpt-5.1-2025-11-13",
      messages: [{ role: "user", content: "Hi" }],
      stream: true,
      stream_options: { include_usage: true },
    });
    for await (const chunk of chunks) streamed += chunk.choices[0]?.delta.content ?? "";
    expect(streamed).toBe("Hello from Duo.");
    const response = await client.responses.create({ model: "gpt-5-codex", input: "Hi" });
    expect(response.output_text).toBe("Hello from Duo.");
    const events = await client.responses.create({ model: "gpt-5-codex", input: "Hi", stream: true });
    const types: string[] = [];
    for await (const event of events) types.push(event.type);
    expect(types.at(-1)).toBe("response.completed");
  });

  it("refuses revoked tokens, missing x-gitlab headers, and answers queued failures", async () => {
    fake = await startFakeGitlab();
    const { body } = await directAccess(fake, "glpat-valid");
    const url = `${fake.gatewayUrl}/ai/v1/proxy/openai/v1/chat/completions`;
    const post = (headers: Record<string, string>) =>
      fetch(url, {
        method: "POST",
        headers: { "content-type": "application/json", ...headers },
        body: JSON.stringify({ model: "gpt-5-mini", messages: [] }),
      });
    const auth = { authorization: `Bearer ${body["token"] as string}` };
    expect((await post(auth)).status).toBe(401);
    fake.failNextGatewayRequest({ status: 429, retryAfter: 3 });
    const limited = await post({ ...auth, ...(body["headers"] as Record<string, string>) });
    expect(limited.status).toBe(429);
    expect(limited.headers.get("retry-after")).toBe("3");
    fake.revokeIssuedTokens();
    expect((await post({ ...auth, ...(body["headers"] as Record<string, string>) })).status).toBe(401);
  });
});
