/**
 * Request bodies for the benchmark. Synthetic, shaped like what the real clients send
 * (../shared/reference/real-clients.md), not copies of any vendor's prompt:
 * - a small chat request;
 * - a Claude Code–like Messages request of about 75 KB: a long system prompt in cached text
 *   blocks, 24 tools with JSON schemas, several turns with a tool round trip, adaptive
 *   thinking, cache_control, output_config;
 * - a Codex-like Responses request of about 40 KB with function and namespace tools.
 */
const loremWords =
  "the gateway routes each request to a provider and translates between protocols without loss while keeping streams flowing chunk by chunk so that coding agents stay responsive under load".split(
    " ",
  );

function prose(words: number, seed: number): string {
  const out: string[] = [];
  for (let index = 0; index < words; index += 1) out.push(loremWords[(index * 7 + seed) % loremWords.length] as string);
  return out.join(" ");
}

function toolSchema(index: number): Record<string, unknown> {
  const properties: Record<string, unknown> = {};
  for (let field = 0; field < 6; field += 1) {
    properties[`field_${index}_${field}`] = {
      type: field % 2 === 0 ? "string" : "integer",
      description: prose(18, index + field),
    };
  }
  return { type: "object", properties, required: [`field_${index}_0`], additionalProperties: false };
}

export function smallChatBody(model: string, stream: boolean): string {
  return JSON.stringify({
    model,
    stream,
    messages: [
      { role: "system", content: "You are a helpful assistant." },
      { role: "user", content: "Say hello in one short sentence." },
    ],
    max_tokens: 256,
  });
}

export function smallMessagesBody(model: string, stream: boolean): string {
  return JSON.stringify({
    model,
    stream,
    max_tokens: 256,
    system: "You are a helpful assistant.",
    messages: [{ role: "user", content: "Say hello in one short sentence." }],
  });
}

export function claudeCodeBody(model: string, stream: boolean): string {
  const tools = Array.from({ length: 24 }, (_, index) => ({
    name: `Tool${index}`,
    description: prose(180, index),
    input_schema: toolSchema(index),
  }));
  const lastTool = tools[tools.length - 1] as Record<string, unknown>;
  lastTool["cache_control"] = { type: "ephemeral" };
  const body = {
    model,
    max_tokens: 64000,
    stream,
    thinking: { type: "adaptive" },
    output_config: { effort: "high" },
    context_management: { edits: [{ type: "clear_thinking_20251015", keep: "all" }] },
    metadata: { user_id: "user_bench_0001" },
    system: [
      { type: "text", text: "You are a coding agent running in a terminal." },
      { type: "text", text: prose(2450, 1), cache_control: { type: "ephemeral" } },
    ],
    tools,
    messages: [
      {
        role: "user",
        content: [
          { type: "text", text: `<system-reminder>${prose(400, 2)}</system-reminder>` },
          { type: "text", text: "Create a file named hello.txt containing hi." },
        ],
      },
      {
        role: "assistant",
        content: [
          { type: "thinking", thinking: prose(120, 3), signature: "c2lnbmF0dXJl".repeat(40) },
          { type: "text", text: "I will create the file." },
          { type: "tool_use", id: "toolu_bench_01", name: "Tool3", input: { field_3_0: "hello.txt", field_3_1: 2 } },
        ],
      },
      {
        role: "user",
        content: [
          {
            type: "tool_result",
            tool_use_id: "toolu_bench_01",
            content: prose(300, 4),
            cache_control: { type: "ephemeral" },
          },
        ],
      },
      { role: "system", content: prose(60, 5) },
    ],
  };
  return JSON.stringify(body);
}

export function codexBody(model: string, stream: boolean): string {
  const functionTool = (index: number) => ({
    type: "function",
    name: `tool_${index}`,
    description: prose(120, index),
    strict: false,
    parameters: toolSchema(index),
  });
  const body = {
    model,
    stream,
    instructions: prose(2200, 9),
    input: [
      { type: "message", role: "developer", content: [{ type: "input_text", text: prose(600, 10) }] },
      {
        type: "message",
        role: "user",
        content: [{ type: "input_text", text: "List the files, then create hello.txt." }],
      },
      {
        type: "function_call",
        call_id: "call_bench_01",
        name: "tool_1",
        arguments: JSON.stringify({ field_1_0: "ls -la" }),
      },
      { type: "function_call_output", call_id: "call_bench_01", output: prose(250, 11) },
    ],
    tools: [
      ...Array.from({ length: 8 }, (_, index) => functionTool(index)),
      { type: "namespace", name: "multi_agent_v1", tools: [functionTool(20), functionTool(21)] },
    ],
    tool_choice: "auto",
    parallel_tool_calls: true,
    reasoning: { effort: "medium", summary: "auto" },
    store: false,
    include: ["reasoning.encrypted_content"],
    prompt_cache_key: "bench-session-0001",
  };
  return JSON.stringify(body);
}
