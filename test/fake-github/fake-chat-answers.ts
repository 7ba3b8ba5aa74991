import type { ServerResponse } from "node:http";
import { sendJson, sendSse } from "./http-helpers.js";

/** The reply text every fake endpoint gives, so tests can assert on what a client reads. */
export const fakeReplyText = "Hello from fake Copilot";

export function answerChatCompletions(response: ServerResponse, model: string, stream: boolean): void {
  const id = "chatcmpl-fake1";
  const created = 1764000000;
  if (!stream) {
    sendJson(response, 200, {
      id,
      object: "chat.completion",
      created,
      model,
      choices: [{ index: 0, message: { role: "assistant", content: fakeReplyText }, finish_reason: "stop" }],
      usage: { prompt_tokens: 12, completion_tokens: 5, total_tokens: 17 },
    });
    return;
  }
  const chunk = (delta: unknown, finishReason: string | null, usage?: unknown) => ({
    data: {
      id,
      object: "chat.completion.chunk",
      created,
      model,
      choices: [{ index: 0, delta, finish_reason: finishReason }],
      ...(usage === undefined ? {} : { usage }),
    },
  });
  sendSse(response, [
    chunk({ role: "assistant", content: "" }, null),
    chunk({ content: "Hello from " }, null),
    chunk({ content: "fake Copilot" }, null),
    chunk({}, "stop", { prompt_tokens: 12, completion_tokens: 5, total_tokens: 17 }),
    { data: "[DONE]" },
  ]);
}

/**
 * A Responses answer. The stream reproduces Copilot's known quirk: the message item's
 * `item_id` changes in the middle of the stream (clients must match by `output_index`).
 */
export function answerResponses(response: ServerResponse, model: string, stream: boolean): void {
  const usage = { input_tokens: 12, output_tokens: 5, total_tokens: 17 };
  const message = (id: string) => ({
    id,
    type: "message",
    role: "assistant",
    status: "completed",
    content: [{ type: "output_text", text: fakeReplyText, annotations: [] }],
  });
  const base = { id: "resp_fake1", object: "response", created_at: 1764000000, model };
  if (!stream) {
    sendJson(response, 200, { ...base, status: "completed", output: [message("msg_first")], usage });
    return;
  }
  let sequence = 0;
  const event = (type: string, fields: Record<string, unknown>) => ({
    event: type,
    data: { type, sequence_number: sequence++, ...fields },
  });
  sendSse(response, [
    event("response.created", { response: { ...base, status: "in_progress", output: [] } }),
    event("response.output_item.added", {
      output_index: 0,
      item: { id: "msg_first", type: "message", role: "assistant", status: "in_progress", content: [] },
    }),
    event("response.content_part.added", {
      item_id: "msg_first",
      output_index: 0,
      content_index: 0,
      part: { type: "output_text", text: "", annotations: [] },
    }),
    event("response.output_text.delta", {
      item_id: "msg_first",
      output_index: 0,
      content_index: 0,
      delta: "Hello from ",
    }),
    event("response.output_text.delta", {
      item_id: "msg_second",
      output_index: 0,
      content_index: 0,
      delta: "fake Copilot",
    }),
    event("response.output_text.done", {
      item_id: "msg_second",
      output_index: 0,
      content_index: 0,
      text: fakeReplyText,
    }),
    event("response.content_part.done", {
      item_id: "msg_second",
      output_index: 0,
      content_index: 0,
      part: { type: "output_text", text: fakeReplyText, annotations: [] },
    }),
    event("response.output_item.done", { output_index: 0, item: message("msg_second") }),
    event("response.completed", { response: { ...base, status: "completed", output: [message("msg_second")], usage } }),
  ]);
}

export function answerMessages(response: ServerResponse, model: string, stream: boolean): void {
  const usage = { input_tokens: 12, output_tokens: 5 };
  if (!stream) {
    sendJson(response, 200, {
      id: "msg_fake1",
      type: "message",
      role: "assistant",
      model,
      content: [{ type: "text", text: fakeReplyText }],
      stop_reason: "end_turn",
      stop_sequence: null,
      usage,
    });
    return;
  }
  sendSse(response, [
    {
      event: "message_start",
      data: {
        type: "message_start",
        message: {
          id: "msg_fake1",
          type: "message",
          role: "assistant",
          model,
          content: [],
          stop_reason: null,
          stop_sequence: null,
          usage: { input_tokens: 12, output_tokens: 1 },
        },
      },
    },
    {
      event: "content_block_start",
      data: { type: "content_block_start", index: 0, content_block: { type: "text", text: "" } },
    },
    {
      event: "content_block_delta",
      data: { type: "content_block_delta", index: 0, delta: { type: "text_delta", text: "Hello from " } },
    },
    {
      event: "content_block_delta",
      data: { type: "content_block_delta", index: 0, delta: { type: "text_delta", text: "fake Copilot" } },
    },
    { event: "content_block_stop", data: { type: "content_block_stop", index: 0 } },
    {
      event: "message_delta",
      data: {
        type: "message_delta",
        delta: { stop_reason: "end_turn", stop_sequence: null },
        usage: { output_tokens: 5 },
      },
    },
    { event: "message_stop", data: { type: "message_stop" } },
  ]);
}
