import OpenAI from "openai";
import type {
  ChatCompletion,
  ChatCompletionContentPart,
  ChatCompletionContentPartText,
  ChatCompletionCreateParamsNonStreaming,
  ChatCompletionMessageParam,
  ChatCompletionToolChoiceOption,
} from "openai/resources/chat/completions";
import {
  collectStream,
  recordingFetch,
  type ClientDriver,
  type NeutralAnswer,
  type NeutralPart,
  type NeutralStop,
  type NeutralTurn,
} from "../neutral-turn.js";

/** OpenAI Chat Completions through the `openai` SDK, retries off. */
export function createChatDriver(options: { baseUrl: string; apiKey: string }): ClientDriver & { client: OpenAI } {
  const recorder = recordingFetch();
  const client = new OpenAI({
    baseURL: `${options.baseUrl}/v1`,
    apiKey: options.apiKey,
    maxRetries: 0,
    fetch: recorder.fetch,
  });
  return {
    api: "openai-chat",
    client,
    async ask(turn) {
      const params = toChatParams(turn);
      if (!turn.stream) {
        return {
          ...readChatCompletion(await client.chat.completions.create(params)),
          headers: recorder.lastHeaders(),
          sentBody: recorder.lastBody(),
        };
      }
      const stream = client.chat.completions.stream({
        ...params,
        stream: true,
        stream_options: { include_usage: turn.includeUsage ?? true },
      });
      // The SDK's accumulator keeps only the last value of a field it does not know, so the
      // reasoning deltas are joined here.
      let reasoning = "";
      let usageSeenInStream = false;
      stream.on("chunk", (chunk) => {
        if (chunk.usage != null) usageSeenInStream = true;
        const delta = chunk.choices[0]?.delta as { reasoning_content?: unknown } | undefined;
        if (typeof delta?.reasoning_content === "string") reasoning += delta.reasoning_content;
      });
      const completion = await stream.finalChatCompletion();
      return {
        ...readChatCompletion(completion),
        reasoning,
        headers: recorder.lastHeaders(),
        sentBody: recorder.lastBody(),
        usageSeenInStream,
      };
    },
    async streamEvents(turn) {
      try {
        return await collectStream(await client.chat.completions.create({ ...toChatParams(turn), stream: true }));
      } catch (error) {
        return { eventTypes: [], events: [], error };
      }
    },
  };
}

function toChatPart(part: NeutralPart): ChatCompletionContentPart {
  if (part.type === "text") return { type: "text", text: part.text };
  const url = part.type === "image" ? `data:${part.mediaType};base64,${part.base64}` : part.url;
  return { type: "image_url", image_url: { url } };
}

function toChatToolChoice(choice: NonNullable<NeutralTurn["toolChoice"]>): ChatCompletionToolChoiceOption {
  if (typeof choice === "string") return choice;
  return { type: "function", function: { name: choice.name } };
}

export function toChatParams(turn: NeutralTurn): ChatCompletionCreateParamsNonStreaming {
  const messages: ChatCompletionMessageParam[] = [];
  if (turn.system !== undefined) messages.push({ role: "system", content: turn.system });
  for (const message of turn.messages) {
    if (message.role === "user") {
      if (message.parts !== undefined) {
        messages.push({ role: "user", content: message.parts.map(toChatPart) });
      } else if (message.image === undefined) {
        messages.push({ role: "user", content: message.text });
      } else {
        const url = `data:${message.image.mediaType};base64,${message.image.base64}`;
        messages.push({
          role: "user",
          content: [
            { type: "image_url", image_url: { url } },
            { type: "text", text: message.text },
          ],
        });
      }
    } else if (message.role === "system" || message.role === "developer") {
      messages.push({ role: message.role, content: message.text });
    } else if (message.role === "assistant-replay") {
      messages.push(message.replay as ChatCompletionMessageParam);
    } else if (message.role === "assistant") {
      messages.push({
        role: "assistant",
        content: message.text ?? null,
        ...(message.toolCalls !== undefined && {
          tool_calls: message.toolCalls.map((call) => ({
            id: call.id,
            type: "function" as const,
            function: { name: call.name, arguments: JSON.stringify(call.arguments) },
          })),
        }),
      });
    } else {
      // Chat tool messages take text parts only and have no error flag: the text says so.
      const content =
        typeof message.output === "string"
          ? message.output
          : message.output
              .map(toChatPart)
              .filter((part): part is ChatCompletionContentPartText => part.type === "text");
      messages.push({ role: "tool", tool_call_id: message.callId, content });
    }
  }
  const params: ChatCompletionCreateParamsNonStreaming = { model: turn.model, messages };
  if (turn.maxTokens !== undefined) {
    if (turn.chatMaxTokensField === "max_tokens") params.max_tokens = turn.maxTokens;
    else params.max_completion_tokens = turn.maxTokens;
  }
  if (turn.tools !== undefined) {
    params.tools = turn.tools.map((tool) => ({
      type: "function",
      function: { name: tool.name, description: tool.description, parameters: tool.parameters },
    }));
  }
  if (turn.reasoning) params.reasoning_effort = "low";
  if (turn.effort !== undefined) params.reasoning_effort = turn.effort;
  if (turn.responseFormat !== undefined) {
    params.response_format = {
      type: "json_schema",
      json_schema: { name: turn.responseFormat.name, schema: turn.responseFormat.schema, strict: true },
    };
  }
  if (turn.toolChoice !== undefined) params.tool_choice = toChatToolChoice(turn.toolChoice);
  if (turn.stopSequences !== undefined) params.stop = turn.stopSequences;
  Object.assign(params, turn.extraFields?.["openai-chat"]);
  return params;
}

export function readChatCompletion(completion: ChatCompletion): Omit<NeutralAnswer, "headers" | "sentBody"> {
  const choice = completion.choices[0];
  const toolCalls: NeutralAnswer["toolCalls"] = [];
  for (const call of choice?.message.tool_calls ?? []) {
    if (call.type !== "function") continue;
    toolCalls.push({
      id: call.id,
      name: call.function.name,
      arguments: JSON.parse(call.function.arguments) as Record<string, unknown>,
    });
  }
  const reasoningTokens = completion.usage?.completion_tokens_details?.reasoning_tokens;
  return {
    text: choice?.message.content ?? "",
    // Not in OpenAI's Chat API: the de facto field (DeepSeek, vLLM) the gateway writes reasoning to.
    reasoning: readReasoningContent(choice?.message),
    toolCalls,
    stop: mapChatStop(choice?.finish_reason),
    usage: {
      inputTotal: completion.usage?.prompt_tokens ?? 0,
      output: completion.usage?.completion_tokens ?? 0,
      cached: completion.usage?.prompt_tokens_details?.cached_tokens ?? 0,
      ...(reasoningTokens !== undefined && { reasoning: reasoningTokens }),
    },
    raw: completion,
    replay: choice?.message,
  };
}

function readReasoningContent(message: unknown): string {
  const value = (message as { reasoning_content?: unknown } | undefined)?.reasoning_content;
  return typeof value === "string" ? value : "";
}

function mapChatStop(reason: string | undefined): NeutralStop {
  if (reason === "stop") return "end";
  if (reason === "length") return "length";
  if (reason === "tool_calls" || reason === "function_call") return "tool";
  return `other:${String(reason)}`;
}
