import type { WireApi } from "../../../src/protocols/wire-api.js";

type Body = Record<string, unknown>;

const parameters = { type: "object", properties: { city: { type: "string" } }, required: ["city"] };
const image = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==";

/**
 * Valid requests of each client API that between them use every field its translator reads:
 * each field of these bodies is a place the property and fuzz tests put a wrong value.
 */
export function richBodies(api: WireApi, model: string, stream: boolean): Body[] {
  const bodies =
    api === "openai-chat"
      ? chatBodies(model)
      : api === "openai-responses"
        ? responsesBodies(model)
        : anthropicBodies(model);
  // Chat takes `stream_options` only with `stream: true` (OpenAI refuses it otherwise).
  const streamOptions = api === "openai-chat" && stream ? { stream_options: { include_usage: true } } : {};
  return bodies.map((body) => ({ ...body, stream, ...streamOptions }));
}

function chatBodies(model: string): Body[] {
  return [
    {
      model,
      messages: [
        { role: "system", content: "Be brief." },
        { role: "developer", content: [{ type: "text", text: "Use tools." }] },
        {
          role: "user",
          content: [
            { type: "text", text: "Weather?" },
            { type: "image_url", image_url: { url: `data:image/png;base64,${image}`, detail: "low" } },
          ],
        },
        {
          role: "assistant",
          content: "Checking.",
          tool_calls: [
            { id: "call_1", type: "function", function: { name: "get_weather", arguments: '{"city":"Paris"}' } },
          ],
        },
        { role: "tool", tool_call_id: "call_1", content: "Sunny" },
        { role: "user", content: "Thanks", name: "me" },
      ],
      tools: [
        { type: "function", function: { name: "get_weather", description: "Weather", parameters, strict: false } },
        { type: "custom", custom: { name: "apply_patch", description: "Patch", format: { type: "text" } } },
      ],
      tool_choice: { type: "function", function: { name: "get_weather" } },
      parallel_tool_calls: true,
      max_completion_tokens: 64,
      temperature: 0.5,
      top_p: 0.9,
      stop: ["\n\nEND"],
      n: 1,
      seed: 7,
      reasoning_effort: "low",
      response_format: { type: "json_schema", json_schema: { name: "answer", schema: parameters, strict: true } },
      verbosity: "low",
      user: "user-1",
    },
    {
      model,
      messages: [
        { role: "user", content: "Hi" },
        {
          role: "assistant",
          content: [{ type: "text", text: "Hello" }],
          function_call: { name: "f", arguments: "{}" },
        },
        { role: "function", name: "f", content: "done" },
        { role: "user", content: [{ type: "text", text: "again" }] },
      ],
      functions: [{ name: "f", description: "F", parameters }],
      function_call: { name: "f" },
      max_tokens: 32,
      stop: "STOP",
      response_format: { type: "json_object" },
      tool_choice: "auto",
    },
  ];
}

function responsesBodies(model: string): Body[] {
  return [
    {
      model,
      instructions: "Be brief.",
      input: [
        { role: "developer", content: "Use tools." },
        {
          type: "message",
          role: "user",
          content: [
            { type: "input_text", text: "Weather?" },
            { type: "input_image", image_url: `data:image/png;base64,${image}`, detail: "low" },
          ],
        },
        { type: "reasoning", id: "rs_1", summary: [{ type: "summary_text", text: "thinking" }] },
        { type: "message", role: "assistant", content: [{ type: "output_text", text: "Checking." }] },
        { type: "function_call", call_id: "call_1", name: "get_weather", arguments: '{"city":"Paris"}' },
        { type: "function_call_output", call_id: "call_1", output: "Sunny" },
        { type: "custom_tool_call", call_id: "call_2", name: "apply_patch", input: "*** Begin Patch" },
        { type: "custom_tool_call_output", call_id: "call_2", output: [{ type: "input_text", text: "ok" }] },
        { role: "user", content: "Thanks" },
      ],
      tools: [
        { type: "function", name: "get_weather", description: "Weather", parameters, strict: false },
        { type: "custom", name: "apply_patch", description: "Patch", format: { type: "text" } },
      ],
      tool_choice: { type: "function", name: "get_weather" },
      parallel_tool_calls: false,
      max_output_tokens: 64,
      temperature: 0.5,
      top_p: 0.9,
      reasoning: { effort: "low", summary: "auto" },
      text: { format: { type: "json_schema", name: "answer", schema: parameters, strict: true }, verbosity: "low" },
      safety_identifier: "user-1",
      store: false,
      include: ["reasoning.encrypted_content"],
    },
    {
      model,
      input: "Hi",
      tool_choice: "auto",
      text: { format: { type: "text" } },
      user: "u",
      previous_response_id: "r",
    },
  ];
}

function anthropicBodies(model: string): Body[] {
  return [
    {
      model,
      max_tokens: 64,
      system: [{ type: "text", text: "Be brief.", cache_control: { type: "ephemeral" } }],
      messages: [
        {
          role: "user",
          content: [
            { type: "text", text: "Weather?" },
            { type: "image", source: { type: "base64", media_type: "image/png", data: image } },
          ],
        },
        {
          role: "assistant",
          content: [
            { type: "thinking", thinking: "Look it up.", signature: "sig" },
            { type: "text", text: "Checking." },
            { type: "tool_use", id: "toolu_1", name: "get_weather", input: { city: "Paris" } },
          ],
        },
        {
          role: "user",
          content: [
            {
              type: "tool_result",
              tool_use_id: "toolu_1",
              content: [{ type: "text", text: "Sunny" }],
              is_error: false,
            },
            { type: "document", source: { type: "text", media_type: "text/plain", data: "notes" } },
          ],
        },
      ],
      tools: [{ name: "get_weather", description: "Weather", input_schema: parameters }],
      tool_choice: { type: "tool", name: "get_weather" },
      thinking: { type: "enabled", budget_tokens: 1024 },
      output_config: { effort: "low", format: { type: "json_schema", schema: parameters } },
      metadata: { user_id: "user-1" },
      stop_sequences: ["END"],
      temperature: 1,
      top_p: 0.9,
      top_k: 5,
    },
    {
      model,
      max_tokens: 16,
      system: "Be brief.",
      messages: [
        { role: "user", content: "Hi" },
        {
          role: "assistant",
          content: [
            { type: "redacted_thinking", data: "opaque" },
            { type: "text", text: "Hello" },
          ],
        },
        {
          role: "user",
          content: [
            { type: "tool_result", tool_use_id: "toolu_9", content: "late" },
            { type: "text", text: "go" },
          ],
        },
      ],
      tool_choice: { type: "auto" },
      thinking: { type: "adaptive" },
    },
  ];
}
