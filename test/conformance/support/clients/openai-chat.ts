import OpenAI from "openai";
import type {
  ChatCompletion,
  ChatCompletionCreateParamsNonStreaming,
  ChatCompletionMessageParam,
} from "openai/resources/chat/completions";
import {
  collectStream,
  type ClientDriver,
  type NeutralAnswer,
  type NeutralStop,
  type NeutralTurn,
} from "../neutral-turn.js";

/** OpenAI Chat Completions through the `openai` SDK, retries off. */
export function createChatDriver(options: { baseUrl: string; apiKey: string }): ClientDriver & { client: OpenAI } {
  const client = new OpenAI({ baseURL: `${options.baseUrl}/v1`, apiKey: options.apiKey, maxRetries: 0 });
  return {
    api: "openai-chat",
    client,
    async ask(turn) {
      const params = toChatParams(turn);
      if (!turn.stream) return readChatCompletion(await client.chat.completions.create(params));
      const stream = client.chat.completions.stream({
        ...params,
        stream: true,
        stream_options: { include_usage: true },
      });
      // The SDK's accumulator keeps only the last value of a field it does not know, so the
      // reasoning deltas are joined here.
      let reasoning = "";
      stream.on("chunk", (chunk) => {
        const delta = chunk.choices[0]?.delta as { reasoning_content?: unknown } | undefined;
        if (typeof delta?.reasoning_content === "string") reasoning += delta.reasoning_content;
      });
      return { ...readChatCompletion(await stream.finalChatCompletion()), reasoning };
    },
    async streamEvents(turn) {
      try {
        return await collectStream(await client.chat.completions.create({ ...toChatParams(turn), stream: true }));
      } catch (error) {
        return { eventTypes: [], error };
      }
    },
  };
}

export function toChatParams(turn: NeutralTurn): ChatCompletionCreateParamsNonStreaming {
  const messages: ChatCompletionMessageParam[] = [];
  if (turn.system !== undefined) messages.push({ role: "system", content: turn.system });
  for (const message of turn.messages) {
    if (message.role === "user") {
      if (message.image === undefined) {
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
      messages.push({ role: "tool", tool_call_id: message.callId, content: message.output });
    }
  }
  const params: ChatCompletionCreateParamsNonStreaming = { model: turn.model, messages };
  if (turn.maxTokens !== undefined) params.max_completion_tokens = turn.maxTokens;
  if (turn.tools !== undefined) {
    params.tools = turn.tools.map((tool) => ({
      type: "function",
      function: { name: tool.name, description: tool.description, parameters: tool.parameters },
    }));
  }
  if (turn.reasoning) params.reasoning_effort = "low";
  return params;
}

export function readChatCompletion(completion: ChatCompletion): NeutralAnswer {
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
    },
    raw: completion,
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
