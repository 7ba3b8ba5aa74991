import Anthropic from "@anthropic-ai/sdk";
import {
  collectStream,
  recordingFetch,
  type ClientDriver,
  type NeutralAnswer,
  type NeutralMessage,
  type NeutralPart,
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
  const recorder = recordingFetch();
  const client = new Anthropic({
    baseURL: options.baseUrl,
    apiKey: options.apiKey,
    maxRetries: 0,
    fetch: recorder.fetch,
  });
  return {
    api: "anthropic-messages",
    client,
    async ask(turn) {
      const params = toAnthropicParams(turn);
      if (!turn.stream) {
        const message = await client.messages.create({ ...params, stream: false });
        return { ...readAnthropicMessage(message), headers: recorder.lastHeaders(), sentBody: recorder.lastBody() };
      }
      const stream = client.messages.stream(params);
      let usageSeenInStream = false;
      stream.on("streamEvent", (event) => {
        if (event.type === "message_start" || event.type === "message_delta") usageSeenInStream = true;
      });
      const message = await stream.finalMessage();
      return {
        ...readAnthropicMessage(message),
        headers: recorder.lastHeaders(),
        sentBody: recorder.lastBody(),
        usageSeenInStream,
      };
    },
    async streamEvents(turn) {
      try {
        return await collectStream(await client.messages.create({ ...toAnthropicParams(turn), stream: true }));
      } catch (error) {
        return { eventTypes: [], events: [], error };
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
  if (turn.system !== undefined) {
    params.system = turn.cacheControl
      ? [{ type: "text", text: turn.system, cache_control: { type: "ephemeral" } }]
      : turn.system;
  }
  if (turn.cacheControl) markLastUserText(params.messages);
  if (turn.tools !== undefined) {
    params.tools = turn.tools.map((tool) => ({
      name: tool.name,
      description: tool.description,
      input_schema: tool.parameters as Anthropic.Tool.InputSchema,
    }));
  }
  if (turn.reasoning) params.thinking = { type: "enabled", budget_tokens: 1024 };
  const outputConfig: Anthropic.OutputConfig = {};
  if (turn.effort !== undefined) outputConfig.effort = turn.effort;
  if (turn.responseFormat !== undefined) {
    outputConfig.format = { type: "json_schema", schema: turn.responseFormat.schema };
  }
  if (Object.keys(outputConfig).length > 0) params.output_config = outputConfig;
  if (turn.toolChoice !== undefined) params.tool_choice = toAnthropicToolChoice(turn.toolChoice);
  if (turn.stopSequences !== undefined) params.stop_sequences = turn.stopSequences;
  Object.assign(params, turn.extraFields?.["anthropic-messages"]);
  return params;
}

function toAnthropicToolChoice(choice: NonNullable<NeutralTurn["toolChoice"]>): Anthropic.ToolChoice {
  if (choice === "auto" || choice === "none") return { type: choice };
  if (choice === "required") return { type: "any" };
  return { type: "tool", name: choice.name };
}

function markLastUserText(messages: MessageParam[]): void {
  const last = messages.findLast((message) => message.role === "user");
  if (last === undefined || typeof last.content === "string") return;
  const text = last.content.findLast((block) => block.type === "text");
  if (text !== undefined && text.type === "text") text.cache_control = { type: "ephemeral" };
}

function toAnthropicPart(part: NeutralPart): Anthropic.TextBlockParam | Anthropic.ImageBlockParam {
  if (part.type === "text") return { type: "text", text: part.text };
  if (part.type === "image") {
    return { type: "image", source: { type: "base64", media_type: part.mediaType, data: part.base64 } };
  }
  return { type: "image", source: { type: "url", url: part.url } };
}

function toAnthropicMessages(messages: NeutralMessage[]): MessageParam[] {
  const result: MessageParam[] = [];
  for (const message of messages) {
    if (message.role === "user") {
      const content: ContentBlockParam[] = [];
      if (message.parts !== undefined) content.push(...message.parts.map(toAnthropicPart));
      else {
        if (message.image !== undefined) {
          content.push({
            type: "image",
            source: { type: "base64", media_type: message.image.mediaType, data: message.image.base64 },
          });
        }
        content.push({ type: "text", text: message.text });
      }
      result.push({ role: "user", content });
    } else if (message.role === "system" || message.role === "developer") {
      // The mid-conversation system message (Claude Code's `mid-conversation-system` beta); the
      // SDK's types do not have this role yet. Anthropic has no `developer` role: `system` is its nearest.
      result.push({ role: "system", content: message.text } as unknown as MessageParam);
    } else if (message.role === "assistant-replay") {
      result.push(message.replay as MessageParam);
    } else if (message.role === "assistant") {
      const content: ContentBlockParam[] = [];
      if (message.text !== undefined) content.push({ type: "text", text: message.text });
      for (const call of message.toolCalls ?? []) {
        content.push({ type: "tool_use", id: call.id, name: call.name, input: call.arguments });
      }
      result.push({ role: "assistant", content });
    } else {
      // Consecutive tool results travel together in one user message, as the API requires.
      const block: Anthropic.ToolResultBlockParam = {
        type: "tool_result",
        tool_use_id: message.callId,
        content:
          typeof message.output === "string" ? message.output : message.output.map((part) => toAnthropicPart(part)),
      };
      if (message.isError) block.is_error = true;
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

export function readAnthropicMessage(message: Anthropic.Message): Omit<NeutralAnswer, "headers" | "sentBody"> {
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
    // Claude Code sends the content blocks back as it received them, thinking signatures included.
    replay: { role: "assistant", content: message.content },
  };
}

function mapAnthropicStop(reason: Anthropic.StopReason | null): NeutralStop {
  if (reason === "end_turn" || reason === "stop_sequence") return "end";
  if (reason === "max_tokens") return "length";
  if (reason === "tool_use") return "tool";
  return `other:${String(reason)}`;
}
