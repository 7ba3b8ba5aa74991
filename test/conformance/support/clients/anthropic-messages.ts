import Anthropic from "@anthropic-ai/sdk";
import {
  collectStream,
  type ClientDriver,
  type NeutralAnswer,
  type NeutralMessage,
  type NeutralStop,
  type NeutralTurn,
} from "../neutral-turn.js";

type MessageParam = Anthropic.MessageParam;
type ContentBlockParam = Anthropic.ContentBlockParam;

/** Claude's Messages API through `@anthropic-ai/sdk`, with retries off so errors reach the test as they are. */
export function createAnthropicDriver(options: {
  baseUrl: string;
  apiKey: string;
}): ClientDriver & { client: Anthropic } {
  const client = new Anthropic({ baseURL: options.baseUrl, apiKey: options.apiKey, maxRetries: 0 });
  return {
    api: "anthropic-messages",
    client,
    async ask(turn) {
      const params = toAnthropicParams(turn);
      const message = turn.stream
        ? await client.messages.stream(params).finalMessage()
        : await client.messages.create({ ...params, stream: false });
      return readAnthropicMessage(message);
    },
    async streamEvents(turn) {
      try {
        return await collectStream(await client.messages.create({ ...toAnthropicParams(turn), stream: true }));
      } catch (error) {
        return { eventTypes: [], error };
      }
    },
  };
}

export function toAnthropicParams(turn: NeutralTurn): Anthropic.MessageCreateParamsNonStreaming {
  const maxTokens = turn.maxTokens ?? (turn.reasoning ? 4096 : 1024);
  const params: Anthropic.MessageCreateParamsNonStreaming = {
    model: turn.model,
    max_tokens: maxTokens,
    messages: toAnthropicMessages(turn.messages),
  };
  if (turn.system !== undefined) params.system = turn.system;
  if (turn.tools !== undefined) {
    params.tools = turn.tools.map((tool) => ({
      name: tool.name,
      description: tool.description,
      input_schema: tool.parameters as Anthropic.Tool.InputSchema,
    }));
  }
  if (turn.reasoning) params.thinking = { type: "enabled", budget_tokens: 1024 };
  return params;
}

function toAnthropicMessages(messages: NeutralMessage[]): MessageParam[] {
  const result: MessageParam[] = [];
  for (const message of messages) {
    if (message.role === "user") {
      const content: ContentBlockParam[] = [];
      if (message.image !== undefined) {
        content.push({
          type: "image",
          source: { type: "base64", media_type: message.image.mediaType, data: message.image.base64 },
        });
      }
      content.push({ type: "text", text: message.text });
      result.push({ role: "user", content });
    } else if (message.role === "assistant") {
      const content: ContentBlockParam[] = [];
      if (message.text !== undefined) content.push({ type: "text", text: message.text });
      for (const call of message.toolCalls ?? []) {
        content.push({ type: "tool_use", id: call.id, name: call.name, input: call.arguments });
      }
      result.push({ role: "assistant", content });
    } else {
      // Consecutive tool results travel together in one user message, as the API requires.
      const block: ContentBlockParam = { type: "tool_result", tool_use_id: message.callId, content: message.output };
      const previous = result.at(-1);
      if (
        previous?.role === "user" &&
        Array.isArray(previous.content) &&
        previous.content.every((part) => part.type === "tool_result")
      ) {
        previous.content.push(block);
      } else {
        result.push({ role: "user", content: [block] });
      }
    }
  }
  return result;
}

export function readAnthropicMessage(message: Anthropic.Message): NeutralAnswer {
  let text = "";
  let reasoning = "";
  const toolCalls: NeutralAnswer["toolCalls"] = [];
  for (const block of message.content) {
    if (block.type === "text") text += block.text;
    else if (block.type === "thinking") reasoning += block.thinking;
    else if (block.type === "tool_use") {
      toolCalls.push({ id: block.id, name: block.name, arguments: block.input as Record<string, unknown> });
    }
  }
  const usage = message.usage;
  return {
    text,
    reasoning,
    toolCalls,
    stop: mapAnthropicStop(message.stop_reason),
    usage: {
      inputTotal: usage.input_tokens + (usage.cache_read_input_tokens ?? 0) + (usage.cache_creation_input_tokens ?? 0),
      output: usage.output_tokens,
      cached: usage.cache_read_input_tokens ?? 0,
    },
    raw: message,
  };
}

function mapAnthropicStop(reason: Anthropic.StopReason | null): NeutralStop {
  if (reason === "end_turn" || reason === "stop_sequence") return "end";
  if (reason === "max_tokens") return "length";
  if (reason === "tool_use") return "tool";
  return `other:${String(reason)}`;
}
