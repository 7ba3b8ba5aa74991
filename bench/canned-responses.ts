/**
 * Fixed answers of the benchmark's fake upstream, in each API's documented shape. Built once at
 * start-up so that serving them costs the fake almost nothing.
 */
const deltaCount = 40;
const words = Array.from({ length: deltaCount }, (_, index) => `word${index} `);
const usage = { input: 1200, output: deltaCount };

function sse(event: string | undefined, data: unknown): string {
  const json = JSON.stringify(data);
  return event === undefined ? `data: ${json}\n\n` : `event: ${event}\ndata: ${json}\n\n`;
}

export interface CannedAnswer {
  json: string;
  events: string[];
}

function chat(): CannedAnswer {
  const base = { id: "chatcmpl-bench", object: "chat.completion.chunk", created: 1_760_000_000, model: "bench-model" };
  const events = [
    sse(undefined, {
      ...base,
      choices: [{ index: 0, delta: { role: "assistant", content: "" }, finish_reason: null }],
    }),
  ];
  for (const word of words)
    events.push(sse(undefined, { ...base, choices: [{ index: 0, delta: { content: word }, finish_reason: null }] }));
  events.push(sse(undefined, { ...base, choices: [{ index: 0, delta: {}, finish_reason: "stop" }] }));
  events.push(
    sse(undefined, {
      ...base,
      choices: [],
      usage: { prompt_tokens: usage.input, completion_tokens: usage.output, total_tokens: usage.input + usage.output },
    }),
  );
  events.push("data: [DONE]\n\n");
  const json = JSON.stringify({
    id: "chatcmpl-bench",
    object: "chat.completion",
    created: 1_760_000_000,
    model: "bench-model",
    choices: [{ index: 0, message: { role: "assistant", content: words.join("") }, finish_reason: "stop" }],
    usage: { prompt_tokens: usage.input, completion_tokens: usage.output, total_tokens: usage.input + usage.output },
  });
  return { json, events };
}

function messages(): CannedAnswer {
  const message = {
    id: "msg_bench",
    type: "message",
    role: "assistant",
    model: "bench-model",
    content: [] as unknown[],
    stop_reason: null,
    stop_sequence: null,
    usage: { input_tokens: usage.input, output_tokens: 1 },
  };
  const events = [
    sse("message_start", { type: "message_start", message }),
    sse("content_block_start", { type: "content_block_start", index: 0, content_block: { type: "text", text: "" } }),
    sse("ping", { type: "ping" }),
  ];
  for (const word of words) {
    events.push(
      sse("content_block_delta", { type: "content_block_delta", index: 0, delta: { type: "text_delta", text: word } }),
    );
  }
  events.push(sse("content_block_stop", { type: "content_block_stop", index: 0 }));
  events.push(
    sse("message_delta", {
      type: "message_delta",
      delta: { stop_reason: "end_turn", stop_sequence: null },
      usage: { output_tokens: usage.output },
    }),
  );
  events.push(sse("message_stop", { type: "message_stop" }));
  const json = JSON.stringify({
    ...message,
    content: [{ type: "text", text: words.join("") }],
    stop_reason: "end_turn",
    usage: { input_tokens: usage.input, output_tokens: usage.output },
  });
  return { json, events };
}

function responses(): CannedAnswer {
  let sequence = 0;
  const event = (type: string, fields: Record<string, unknown>) =>
    sse(type, { type, sequence_number: sequence++, ...fields });
  const base = {
    id: "resp_bench",
    object: "response",
    created_at: 1_760_000_000,
    model: "bench-model",
    output: [] as unknown[],
  };
  const text = words.join("");
  const item = {
    id: "msg_bench",
    type: "message",
    role: "assistant",
    status: "completed",
    content: [{ type: "output_text", text, annotations: [] }],
  };
  const responseUsage = {
    input_tokens: usage.input,
    input_tokens_details: { cached_tokens: 0 },
    output_tokens: usage.output,
    output_tokens_details: { reasoning_tokens: 0 },
    total_tokens: usage.input + usage.output,
  };
  const events = [
    event("response.created", { response: { ...base, status: "in_progress" } }),
    event("response.in_progress", { response: { ...base, status: "in_progress" } }),
    event("response.output_item.added", { output_index: 0, item: { ...item, status: "in_progress", content: [] } }),
    event("response.content_part.added", {
      item_id: "msg_bench",
      output_index: 0,
      content_index: 0,
      part: { type: "output_text", text: "", annotations: [] },
    }),
  ];
  for (const word of words) {
    events.push(
      event("response.output_text.delta", { item_id: "msg_bench", output_index: 0, content_index: 0, delta: word }),
    );
  }
  events.push(event("response.output_text.done", { item_id: "msg_bench", output_index: 0, content_index: 0, text }));
  events.push(
    event("response.content_part.done", {
      item_id: "msg_bench",
      output_index: 0,
      content_index: 0,
      part: item.content[0],
    }),
  );
  events.push(event("response.output_item.done", { output_index: 0, item }));
  events.push(
    event("response.completed", { response: { ...base, status: "completed", output: [item], usage: responseUsage } }),
  );
  const json = JSON.stringify({ ...base, status: "completed", output: [item], usage: responseUsage });
  return { json, events };
}

export const cannedAnswers = { chat: chat(), messages: messages(), responses: responses() };
