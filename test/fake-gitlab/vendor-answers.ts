import type { ServerResponse } from "node:http";

/** What the fake model says; the usage numbers are fixed so tests can assert them. */
export interface Reply {
  model: string;
  text: string;
}

const inputTokens = 12;
const outputTokens = 3;

export function writeJson(
  response: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  response.writeHead(status, { "content-type": "application/json", ...headers });
  response.end(JSON.stringify(body));
}

function startSse(response: ServerResponse): void {
  response.writeHead(200, {
    "content-type": "text/event-stream",
    "cache-control": "no-cache",
    connection: "keep-alive",
  });
}

/** Anthropic Messages, non-streaming. */
export function anthropicMessage(reply: Reply): unknown {
  return {
    id: "msg_fake_01",
    type: "message",
    role: "assistant",
    model: reply.model,
    content: [{ type: "text", text: reply.text }],
    stop_reason: "end_turn",
    stop_sequence: null,
    usage: { input_tokens: inputTokens, output_tokens: outputTokens },
  };
}

/** Anthropic Messages stream: named events, each `data:` repeating the type. */
export function writeAnthropicStream(response: ServerResponse, reply: Reply): void {
  startSse(response);
  const send = (event: string, data: Record<string, unknown>): void => {
    response.write(`event: ${event}\ndata: ${JSON.stringify({ type: event, ...data })}\n\n`);
  };
  send("message_start", {
    message: {
      ...(anthropicMessage(reply) as object),
      content: [],
      stop_reason: null,
      usage: { input_tokens: inputTokens, output_tokens: 1 },
    },
  });
  send("content_block_start", { index: 0, content_block: { type: "text", text: "" } });
  send("ping", {});
  for (const piece of splitText(reply.text))
    send("content_block_delta", { index: 0, delta: { type: "text_delta", text: piece } });
  send("content_block_stop", { index: 0 });
  send("message_delta", {
    delta: { stop_reason: "end_turn", stop_sequence: null },
    usage: { output_tokens: outputTokens },
  });
  send("message_stop", {});
  response.end();
}

/** OpenAI Chat Completions, non-streaming. */
export function chatCompletion(reply: Reply): unknown {
  return {
    id: "chatcmpl-fake01",
    object: "chat.completion",
    created: 1_764_000_000,
    model: reply.model,
    choices: [
      {
        index: 0,
        message: { role: "assistant", content: reply.text, refusal: null },
        logprobs: null,
        finish_reason: "stop",
      },
    ],
    usage: { prompt_tokens: inputTokens, completion_tokens: outputTokens, total_tokens: inputTokens + outputTokens },
  };
}

/** OpenAI Chat stream: `data:` chunks only, a usage chunk when asked for, then `[DONE]`. */
export function writeChatStream(response: ServerResponse, reply: Reply, includeUsage: boolean): void {
  startSse(response);
  const chunk = (choices: unknown[], extra: Record<string, unknown> = {}): void => {
    const body = {
      id: "chatcmpl-fake01",
      object: "chat.completion.chunk",
      created: 1_764_000_000,
      model: reply.model,
      choices,
      ...extra,
    };
    response.write(`data: ${JSON.stringify(body)}\n\n`);
  };
  chunk([{ index: 0, delta: { role: "assistant", content: "" }, logprobs: null, finish_reason: null }]);
  for (const piece of splitText(reply.text))
    chunk([{ index: 0, delta: { content: piece }, logprobs: null, finish_reason: null }]);
  chunk([{ index: 0, delta: {}, logprobs: null, finish_reason: "stop" }]);
  if (includeUsage) {
    chunk([], {
      usage: { prompt_tokens: inputTokens, completion_tokens: outputTokens, total_tokens: inputTokens + outputTokens },
    });
  }
  response.write("data: [DONE]\n\n");
  response.end();
}

/** OpenAI Responses, non-streaming. */
export function responsesResult(
  reply: Reply,
  status: "in_progress" | "completed" = "completed",
): Record<string, unknown> {
  const done = status === "completed";
  return {
    id: "resp_fake01",
    object: "response",
    created_at: 1_764_000_000,
    status,
    model: reply.model,
    output: done
      ? [
          {
            type: "message",
            id: "msg_fake01",
            status: "completed",
            role: "assistant",
            content: [{ type: "output_text", text: reply.text, annotations: [] }],
          },
        ]
      : [],
    usage: done
      ? {
          input_tokens: inputTokens,
          input_tokens_details: { cached_tokens: 0 },
          output_tokens: outputTokens,
          output_tokens_details: { reasoning_tokens: 0 },
          total_tokens: inputTokens + outputTokens,
        }
      : null,
  };
}

/** OpenAI Responses stream: named events with increasing `sequence_number`. */
export function writeResponsesStream(response: ServerResponse, reply: Reply): void {
  startSse(response);
  let sequence = 0;
  const send = (type: string, data: Record<string, unknown>): void => {
    response.write(`event: ${type}\ndata: ${JSON.stringify({ type, sequence_number: sequence++, ...data })}\n\n`);
  };
  const item = { type: "message", id: "msg_fake01", status: "in_progress", role: "assistant", content: [] };
  const part = { type: "output_text", text: "", annotations: [] };
  send("response.created", { response: responsesResult(reply, "in_progress") });
  send("response.output_item.added", { output_index: 0, item });
  send("response.content_part.added", { item_id: "msg_fake01", output_index: 0, content_index: 0, part });
  for (const piece of splitText(reply.text)) {
    send("response.output_text.delta", { item_id: "msg_fake01", output_index: 0, content_index: 0, delta: piece });
  }
  send("response.output_text.done", { item_id: "msg_fake01", output_index: 0, content_index: 0, text: reply.text });
  send("response.content_part.done", {
    item_id: "msg_fake01",
    output_index: 0,
    content_index: 0,
    part: { ...part, text: reply.text },
  });
  const completed = responsesResult(reply);
  send("response.output_item.done", { output_index: 0, item: (completed["output"] as unknown[])[0] });
  send("response.completed", { response: completed });
  response.end();
}

function splitText(text: string): string[] {
  const words = text.split(/(?<= )/);
  return words.length === 0 ? [text] : words;
}
