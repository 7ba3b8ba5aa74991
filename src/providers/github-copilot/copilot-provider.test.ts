import { afterEach, describe, expect, it } from "vitest";
import { createTestProvider, readAll, upstreamRequest } from "../../../test/fake-github/create-test-provider.js";
import {
  fakeReplyText,
  startFakeGithub,
  type FakeGithub,
  type FakeGithubOptions,
} from "../../../test/fake-github/start-fake-github.js";
import { copilotCostHeader } from "./copilot-provider.js";

let fake: FakeGithub | undefined;
afterEach(async () => {
  await fake?.close();
  fake = undefined;
});

async function start(options: FakeGithubOptions = {}): Promise<FakeGithub> {
  fake = await startFakeGithub(options);
  return fake;
}

const claudeTurn = (messages: unknown[], extra: Record<string, unknown> = {}) => ({
  model: "claude-sonnet-4.5",
  max_tokens: 1000,
  stream: true,
  system: [{ type: "text", text: "You are Claude Code, Anthropic's official CLI for Claude." }],
  tools: [{ name: "Bash", input_schema: { type: "object" } }],
  messages,
  ...extra,
});

/** Pacing that never holds a request (for tests of other things that send 50 at once). */
const unpaced = { max_concurrency: 1000, min_request_interval_ms: 0 };

describe("the Copilot token", () => {
  it("is exchanged exactly once for 50 concurrent requests that arrive during a refresh", async () => {
    const github = await start();
    // Pacing off: the 50 answers are all awaited before any body is read.
    const provider = await createTestProvider(github, { config: unpaced });
    const release = github.state.holdTokenExchanges();
    const body = { model: "gpt-4.1", messages: [{ role: "user", content: "hi" }] };
    const pending = Array.from({ length: 50 }, () => provider.send(upstreamRequest("openai-chat", body)));
    await new Promise((resolve) => setImmediate(resolve));
    release();
    const responses = await Promise.all(pending);
    expect(responses.every((response) => response.status === 200)).toBe(true);
    expect(github.state.tokenExchanges).toBe(1);
    await Promise.all(responses.map((response) => readAll(response.body)));
  });

  it("is refreshed ahead of its expiry without the client noticing", async () => {
    let clock = 1_764_000_000_000;
    const github = await start({ tokenLifetimeSeconds: 2, refreshInSeconds: 1, now: () => clock });
    const provider = await createTestProvider(github, { now: () => clock });
    const body = { model: "gpt-4.1", messages: [{ role: "user", content: "hi" }] };
    for (let turn = 0; turn < 4; turn++) {
      const response = await provider.send(upstreamRequest("openai-chat", body));
      expect(JSON.parse(await readAll(response.body)).choices[0].message.content).toBe(fakeReplyText);
      clock += 1_500;
    }
    expect(github.state.tokenExchanges).toBe(4);
    expect(github.state.apiRequests.filter((request) => request.path.endsWith("/chat/completions"))).toHaveLength(4);
  });

  it("is refreshed and the request retried once when the API answers 401 mid-session", async () => {
    const github = await start();
    const provider = await createTestProvider(github);
    const body = { model: "gpt-4.1", messages: [{ role: "user", content: "hi" }] };
    await readAll((await provider.send(upstreamRequest("openai-chat", body))).body);
    github.state.revokeCopilotTokens();
    const response = await provider.send(upstreamRequest("openai-chat", body));
    expect(response.status).toBe(200);
    expect(JSON.parse(await readAll(response.body)).choices[0].message.content).toBe(fakeReplyText);
    expect(github.state.tokenExchanges).toBe(2);
  });

  it("reports an account without Copilot as a permission error saying what to do", async () => {
    const github = await start({ tokensWithoutCopilot: ["ghu_nocopilot"] });
    const provider = await createTestProvider(github, { config: { token: "ghu_nocopilot" } });
    await expect(provider.listModels()).rejects.toMatchObject({
      code: "permission",
      message: expect.stringMatching(/no GitHub Copilot access.*github\.com\/settings\/copilot/),
    });
  });

  it("reports a revoked GitHub token as an upstream authentication error naming its source", async () => {
    const github = await start();
    const provider = await createTestProvider(github, { config: { token: "ghu_revoked" } });
    await expect(provider.listModels()).rejects.toMatchObject({
      code: "upstream_authentication",
      message: expect.stringMatching(/config file.*switchboard login github/),
    });
  });
});

describe("requests to the Copilot API", () => {
  it("carry the editor headers, a fresh request id, and X-Initiator turn by turn", async () => {
    const github = await start();
    const provider = await createTestProvider(github);
    const userPrompt = {
      role: "user",
      content: [
        { type: "text", text: "<system-reminder>…</system-reminder>" },
        { type: "text", text: "Write hello.txt" },
      ],
    };
    const toolUse = {
      role: "assistant",
      content: [{ type: "tool_use", id: "toolu_1", name: "Bash", input: { command: "ls" } }],
    };
    const toolResult = {
      role: "user",
      content: [{ type: "tool_result", tool_use_id: "toolu_1", content: "hello.txt" }],
    };
    const trailingSystem = { role: "system", content: "Reminder: be brief." };
    const turns = [
      claudeTurn([userPrompt]),
      claudeTurn([userPrompt, trailingSystem]),
      claudeTurn([userPrompt, toolUse, toolResult]),
      claudeTurn([userPrompt, toolUse, toolResult, trailingSystem]),
      claudeTurn([
        userPrompt,
        toolUse,
        toolResult,
        { role: "assistant", content: "Done." },
        { role: "user", content: "Now delete it" },
        trailingSystem,
      ]),
    ];
    const initiators: string[] = [];
    for (const turn of turns) {
      const response = await provider.send(
        upstreamRequest("anthropic-messages", turn, {
          forwardHeaders: { "anthropic-beta": "interleaved-thinking-2025-05-14", "anthropic-version": "2023-06-01" },
        }),
      );
      await readAll(response.body);
      initiators.push(response.exposeHeaders?.[copilotCostHeader] ?? "");
    }
    const sent = github.state.apiRequests.filter((request) => request.path === "/copilot/v1/messages");
    expect(sent.map((request) => request.headers["x-initiator"])).toEqual(["user", "user", "agent", "agent", "user"]);
    expect(initiators[2]).toBe("initiator=agent; model=claude-sonnet-4.5; multiplier=1");
    const headers = sent[0]?.headers ?? {};
    expect(headers["authorization"]).toMatch(/^Bearer tid=fake1;/);
    expect(headers["copilot-integration-id"]).toBe("vscode-chat");
    expect(headers["editor-version"]).toMatch(/^vscode\//);
    expect(headers["editor-plugin-version"]).toMatch(/^copilot-chat\//);
    expect(headers["user-agent"]).toMatch(/^GitHubCopilotChat\//);
    expect(headers["openai-intent"]).toBe("conversation-panel");
    expect(headers["x-github-api-version"]).toBeDefined();
    expect(headers["anthropic-beta"]).toBe("interleaved-thinking-2025-05-14");
    expect(headers["copilot-vision-request"]).toBeUndefined();
    expect(new Set(sent.map((request) => request.headers["x-request-id"])).size).toBe(sent.length);
    expect(headers["x-request-id"]).toMatch(/^[0-9a-f-]{36}$/);
  });

  it("mark Chat and Responses tool-loop continuations as agent, and images as vision requests", async () => {
    const github = await start();
    const provider = await createTestProvider(github);
    const chatContinuation = {
      model: "gpt-4.1",
      messages: [
        { role: "user", content: "list files" },
        {
          role: "assistant",
          tool_calls: [{ id: "call_1", type: "function", function: { name: "ls", arguments: "{}" } }],
        },
        { role: "tool", tool_call_id: "call_1", content: "a.txt" },
      ],
    };
    const responsesContinuation = {
      model: "gpt-5.1-codex",
      stream: true,
      input: [
        { type: "message", role: "developer", content: [{ type: "input_text", text: "rules" }] },
        { type: "message", role: "user", content: [{ type: "input_text", text: "list files" }] },
        { type: "function_call", call_id: "call_1", name: "exec_command", arguments: "{}" },
        { type: "function_call_output", call_id: "call_1", output: "a.txt" },
      ],
    };
    await readAll((await provider.send(upstreamRequest("openai-chat", chatContinuation, { hasImages: true }))).body);
    await readAll((await provider.send(upstreamRequest("openai-responses", responsesContinuation))).body);
    await readAll(
      (
        await provider.send(
          upstreamRequest("openai-responses", {
            ...responsesContinuation,
            input: responsesContinuation.input.slice(0, 2),
          }),
        )
      ).body,
    );
    const sent = github.state.apiRequests.filter((request) => request.method === "POST");
    expect(sent.map((request) => [request.path, request.headers["x-initiator"]])).toEqual([
      ["/copilot/chat/completions", "agent"],
      ["/copilot/responses", "agent"],
      ["/copilot/responses", "user"],
    ]);
    expect(sent[0]?.headers["copilot-vision-request"]).toBe("true");
  });

  it("mark Claude Code's session-title request and a subagent's first request as agent", async () => {
    const github = await start();
    const provider = await createTestProvider(github);
    const titleRequest = {
      model: "claude-sonnet-4.5",
      max_tokens: 512,
      system: [{ type: "text", text: "Generate a concise title for this session." }],
      messages: [{ role: "user", content: "Write hello.txt" }],
      thinking: { type: "disabled" },
      output_config: {
        effort: "high",
        format: { type: "json_schema", schema: { type: "object", properties: { title: { type: "string" } } } },
      },
    };
    const subagentRequest = claudeTurn([{ role: "user", content: "Find where the config is loaded." }], {
      system: [
        { type: "text", text: "You are Claude Code, Anthropic's official CLI for Claude." },
        {
          type: "text",
          text: "You are an agent for Claude Code, Anthropic's official CLI for Claude. Given the user's message, you should use the tools available to complete the task.",
        },
      ],
    });
    const title = await provider.send(upstreamRequest("anthropic-messages", titleRequest));
    const subagent = await provider.send(upstreamRequest("anthropic-messages", subagentRequest));
    await Promise.all([readAll(title.body), readAll(subagent.body)]);
    expect(
      github.state.apiRequests
        .filter((request) => request.method === "POST")
        .map((request) => request.headers["x-initiator"]),
    ).toEqual(["agent", "agent"]);
    expect(title.exposeHeaders?.[copilotCostHeader]).toContain("side_request=session-title");
    expect(subagent.exposeHeaders?.[copilotCostHeader]).toContain("side_request=subagent");
  });

  it("send side requests to background_model when it speaks the same API", async () => {
    const github = await start();
    const provider = await createTestProvider(github, { config: { background_model: "gpt-4.1" } });
    await provider.listModels();
    const titleRequest = {
      model: "claude-sonnet-4.5",
      messages: [{ role: "user", content: "Write hello.txt" }],
      response_format: { type: "json_schema", json_schema: { name: "title", schema: {} } },
    };
    // Only Anthropic-shaped side requests are recognized; a Chat request keeps its model.
    await readAll((await provider.send(upstreamRequest("openai-chat", titleRequest))).body);
    const anthropicTitle = {
      model: "claude-sonnet-4.5",
      max_tokens: 100,
      messages: [{ role: "user", content: "Write hello.txt" }],
      output_config: { format: { type: "json_schema", schema: {} } },
    };
    const response = await provider.send(upstreamRequest("anthropic-messages", anthropicTitle));
    await readAll(response.body);
    const sent = github.state.apiRequests.filter((request) => request.method === "POST");
    expect((sent[0]?.body as { model: string }).model).toBe("claude-sonnet-4.5");
    // gpt-4.1 has no /v1/messages: the side request stays on its model, marked agent.
    expect((sent[1]?.body as { model: string }).model).toBe("claude-sonnet-4.5");
    expect(sent[1]?.headers["x-initiator"]).toBe("agent");

    const rerouting = await createTestProvider(github, { config: { background_model: "claude-sonnet-4-5" } });
    const opusTitle = { ...anthropicTitle, model: "claude-opus-4.8" };
    const rerouted = await rerouting.send(upstreamRequest("anthropic-messages", opusTitle));
    await readAll(rerouted.body);
    const last = github.state.apiRequests.at(-1);
    expect((last?.body as { model: string }).model).toBe("claude-sonnet-4.5");
    expect(rerouted.exposeHeaders?.[copilotCostHeader]).toBe(
      "initiator=agent; model=claude-sonnet-4.5; multiplier=1; side_request=session-title",
    );
  });

  it("answer in each API's own shape, streamed and not, with the Responses item_id change passed through", async () => {
    const github = await start();
    const provider = await createTestProvider(github);
    const chat = await provider.send(
      upstreamRequest("openai-chat", { model: "gpt-4.1", stream: true, messages: [{ role: "user", content: "hi" }] }),
    );
    expect(await readAll(chat.body)).toContain("data: [DONE]");
    const messages = await provider.send(
      upstreamRequest("anthropic-messages", { ...claudeTurn([{ role: "user", content: "hi" }]), stream: false }),
    );
    expect(JSON.parse(await readAll(messages.body)).content[0].text).toBe(fakeReplyText);
    const responses = await provider.send(
      upstreamRequest("openai-responses", { model: "gpt-5.1-codex", stream: true, input: "hi" }),
    );
    const text = await readAll(responses.body);
    expect(text).toContain('"item_id":"msg_first"');
    expect(text).toContain('"item_id":"msg_second"');
    expect(responses.headers["content-type"]).toContain("text/event-stream");
  });

  it("turn an exhausted premium quota and a model that is not enabled into errors that say what to do", async () => {
    const github = await start();
    const provider = await createTestProvider(github);
    github.state.quotaExhausted = true;
    await expect(
      provider.send(upstreamRequest("anthropic-messages", claudeTurn([{ role: "user", content: "hi" }]))),
    ).rejects.toMatchObject({
      code: "quota_exceeded",
      message: expect.stringMatching(/exceeded your premium request allowance.*switchboard status/),
    });
    const free = await provider.send(
      upstreamRequest("openai-chat", { model: "gpt-4.1", messages: [{ role: "user", content: "hi" }] }),
    );
    expect(free.status).toBe(200);
    await readAll(free.body);
    await expect(
      provider.send(
        upstreamRequest("anthropic-messages", {
          ...claudeTurn([{ role: "user", content: "hi" }]),
          model: "claude-opus-4.8",
        }),
      ),
    ).rejects.toMatchObject({
      code: "permission",
      message: expect.stringMatching(/not enabled.*settings\/copilot/),
    });
  });

  it("count tokens on /v1/messages/count_tokens as an agent request, without the beta query", async () => {
    const github = await start();
    const provider = await createTestProvider(github);
    const response = await provider.send({
      ...upstreamRequest("anthropic-messages", claudeTurn([{ role: "user", content: "hi" }])),
      operation: "count_tokens",
      query: "?beta=true",
    });
    expect(JSON.parse(await readAll(response.body))).toEqual({ input_tokens: expect.any(Number) });
    const counted = github.state.apiRequests.find((request) => request.path.endsWith("/count_tokens"));
    expect(counted?.path).toBe("/copilot/v1/messages/count_tokens");
    expect(counted?.headers["x-initiator"]).toBe("agent");
  });

  it("refuse count_tokens as unsupported_feature where Copilot answers 404, so the gateway estimates", async () => {
    const github = await start({ offerCountTokens: false });
    const provider = await createTestProvider(github);
    await expect(
      provider.send({ ...upstreamRequest("anthropic-messages", claudeTurn([])), operation: "count_tokens" }),
    ).rejects.toMatchObject({ code: "unsupported_feature", message: expect.stringContaining("estimated") });
  });

  it("fail with a clear message when no sign-in exists at all", async () => {
    const github = await start();
    const provider = await createTestProvider(github, { config: { token: undefined } });
    await expect(provider.listModels()).rejects.toMatchObject({
      code: "upstream_authentication",
      message: expect.stringContaining("switchboard login github"),
    });
  });
});

describe("a token revoked under 50 concurrent requests", () => {
  it("is replaced by exactly one new exchange, and every request succeeds", async () => {
    const github = await start();
    const provider = await createTestProvider(github, { config: unpaced });
    const body = { model: "gpt-4.1", messages: [{ role: "user", content: "hi" }] };
    await readAll((await provider.send(upstreamRequest("openai-chat", body))).body);
    github.state.revokeCopilotTokens();
    const responses = await Promise.all(
      Array.from({ length: 50 }, () => provider.send(upstreamRequest("openai-chat", body))),
    );
    await Promise.all(responses.map((response) => readAll(response.body)));
    expect(responses.every((response) => response.status === 200)).toBe(true);
    expect(github.state.tokenExchanges).toBe(2);
  });
});

describe("base_url", () => {
  it("overrides the API base the Copilot token names", async () => {
    const github = await start();
    const elsewhere = await startFakeGithub();
    try {
      const provider = await createTestProvider(github, { config: { base_url: `${elsewhere.copilotUrl}/` } });
      await expect(provider.listModels()).rejects.toMatchObject({ upstream: { status: 401 } });
      expect(elsewhere.state.apiRequests.map((request) => request.path)).toEqual([
        "/copilot/models",
        "/copilot/models",
      ]);
      expect(github.state.apiRequests).toHaveLength(0);
    } finally {
      await elsewhere.close();
    }
  });
});
