import Anthropic from "@anthropic-ai/sdk";
import OpenAI from "openai";
import { afterEach, describe, expect, it } from "vitest";
import { fakeReplyText, startFakeGithub, type FakeGithub } from "./start-fake-github.js";

let fake: FakeGithub | undefined;
afterEach(async () => {
  await fake?.close();
  fake = undefined;
});

const copilotHeaders = { "copilot-integration-id": "vscode-chat", "editor-version": "vscode/1.104.1" };

async function copilotToken(github: FakeGithub): Promise<string> {
  const response = await fetch(`${github.apiUrl}/copilot_internal/v2/token`, {
    headers: { authorization: "token ghu_valid" },
  });
  const body = (await response.json()) as { token: string; endpoints: { api: string } };
  expect(body.endpoints.api).toBe(github.copilotUrl);
  return body.token;
}

/** The official SDKs are strict parsers: the fake's answers must read as the real APIs' shapes. */
describe("the fake Copilot API, read by the official SDKs", () => {
  it("answers Chat Completions, streamed and not", async () => {
    fake = await startFakeGithub();
    const client = new OpenAI({
      apiKey: await copilotToken(fake),
      baseURL: fake.copilotUrl,
      defaultHeaders: copilotHeaders,
      maxRetries: 0,
    });
    const completion = await client.chat.completions.create({
      model: "gpt-4.1",
      messages: [{ role: "user", content: "hi" }],
    });
    expect(completion.choices[0]?.message.content).toBe(fakeReplyText);
    const stream = await client.chat.completions.create({
      model: "gpt-4.1",
      stream: true,
      messages: [{ role: "user", content: "hi" }],
    });
    let text = "";
    for await (const chunk of stream) text += chunk.choices[0]?.delta.content ?? "";
    expect(text).toBe(fakeReplyText);
  });

  it("answers Responses with an item_id that changes mid-stream", async () => {
    fake = await startFakeGithub();
    const client = new OpenAI({
      apiKey: await copilotToken(fake),
      baseURL: fake.copilotUrl,
      defaultHeaders: copilotHeaders,
      maxRetries: 0,
    });
    const stream = await client.responses.create({ model: "gpt-5.1-codex", stream: true, input: "hi" });
    const itemIds = new Set<string>();
    let text = "";
    for await (const event of stream) {
      if (event.type === "response.output_text.delta") {
        itemIds.add(event.item_id);
        text += event.delta;
      }
    }
    expect(text).toBe(fakeReplyText);
    expect([...itemIds]).toEqual(["msg_first", "msg_second"]);
    await expect(client.responses.create({ model: "claude-sonnet-4.5", input: "hi" })).rejects.toMatchObject({
      status: 400,
    });
  });

  it("answers Anthropic Messages, and refuses stale tokens with 401", async () => {
    fake = await startFakeGithub();
    const token = await copilotToken(fake);
    const client = new Anthropic({
      apiKey: null,
      authToken: token,
      baseURL: fake.copilotUrl,
      defaultHeaders: copilotHeaders,
      maxRetries: 0,
    });
    const message = await client.messages.create({
      model: "claude-sonnet-4.5",
      max_tokens: 100,
      messages: [{ role: "user", content: "hi" }],
    });
    expect(message.content[0]).toMatchObject({ type: "text", text: fakeReplyText });
    const streamed = await client.messages
      .stream({ model: "claude-sonnet-4.5", max_tokens: 100, messages: [{ role: "user", content: "hi" }] })
      .finalMessage();
    expect(streamed.content[0]).toMatchObject({ type: "text", text: fakeReplyText });
    expect(streamed.usage.output_tokens).toBe(5);
    fake.state.revokeCopilotTokens();
    await expect(
      client.messages.create({
        model: "claude-sonnet-4.5",
        max_tokens: 100,
        messages: [{ role: "user", content: "hi" }],
      }),
    ).rejects.toMatchObject({ status: 401 });
  });

  it("reports plan and quota", async () => {
    fake = await startFakeGithub();
    const response = await fetch(`${fake.apiUrl}/copilot_internal/user`, {
      headers: { authorization: "token ghu_valid" },
    });
    const body = (await response.json()) as { quota_snapshots: { premium_interactions: { remaining: number } } };
    expect(body.quota_snapshots.premium_interactions.remaining).toBe(237);
  });
});
