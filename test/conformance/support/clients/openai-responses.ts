import OpenAI from "openai";
import type {
  Response,
  ResponseCreateParamsNonStreaming,
  ResponseInputItem,
  ResponseInputMessageContentList,
} from "openai/resources/responses/responses";
import {
  collectStream,
  type ClientDriver,
  type NeutralAnswer,
  type NeutralStop,
  type NeutralTurn,
} from "../neutral-turn.js";

/** OpenAI Responses through the `openai` SDK, retries off. */
export function createResponsesDriver(options: { baseUrl: string; apiKey: string }): ClientDriver & { client: OpenAI } {
  const client = new OpenAI({ baseURL: `${options.baseUrl}/v1`, apiKey: options.apiKey, maxRetries: 0 });
  return {
    api: "openai-responses",
    client,
    async ask(turn) {
      const params = toResponsesParams(turn);
      const response = turn.stream
        ? await client.responses.stream({ ...params, stream: true }).finalResponse()
        : await client.responses.create(params);
      return readResponse(response);
    },
    async streamEvents(turn) {
      try {
        return await collectStream(await client.responses.create({ ...toResponsesParams(turn), stream: true }));
      } catch (error) {
        return { eventTypes: [], error };
      }
    },
  };
}

export function toResponsesParams(turn: NeutralTurn): ResponseCreateParamsNonStreaming {
  const input: ResponseInputItem[] = [];
  for (const message of turn.messages) {
    if (message.role === "user") {
      const content: ResponseInputMessageContentList = [];
      if (message.image !== undefined) {
        const url = `data:${message.image.mediaType};base64,${message.image.base64}`;
        content.push({ type: "input_image", image_url: url, detail: "auto" });
      }
      content.push({ type: "input_text", text: message.text });
      input.push({ type: "message", role: "user", content });
    } else if (message.role === "assistant") {
      if (message.text !== undefined) input.push({ type: "message", role: "assistant", content: message.text });
      for (const call of message.toolCalls ?? []) {
        input.push({
          type: "function_call",
          call_id: call.id,
          name: call.name,
          arguments: JSON.stringify(call.arguments),
        });
      }
    } else {
      input.push({ type: "function_call_output", call_id: message.callId, output: message.output });
    }
  }
  const params: ResponseCreateParamsNonStreaming = { model: turn.model, input, store: false };
  if (turn.system !== undefined) params.instructions = turn.system;
  if (turn.maxTokens !== undefined) params.max_output_tokens = turn.maxTokens;
  if (turn.tools !== undefined) {
    params.tools = turn.tools.map((tool) => ({
      type: "function",
      name: tool.name,
      description: tool.description,
      parameters: tool.parameters,
      strict: false,
    }));
  }
  if (turn.reasoning) {
    params.reasoning = { effort: "low", summary: "auto" };
    params.include = ["reasoning.encrypted_content"];
  }
  return params;
}

export function readResponse(response: Response): NeutralAnswer {
  let text = "";
  let reasoning = "";
  const toolCalls: NeutralAnswer["toolCalls"] = [];
  for (const item of response.output) {
    if (item.type === "message") {
      for (const part of item.content) if (part.type === "output_text") text += part.text;
    } else if (item.type === "reasoning") {
      for (const part of item.summary) reasoning += part.text;
      for (const part of item.content ?? []) reasoning += part.text;
    } else if (item.type === "function_call") {
      toolCalls.push({
        id: item.call_id,
        name: item.name,
        arguments: JSON.parse(item.arguments) as Record<string, unknown>,
      });
    }
  }
  return {
    text,
    reasoning,
    toolCalls,
    stop: mapResponsesStop(response, toolCalls.length > 0),
    usage: {
      inputTotal: response.usage?.input_tokens ?? 0,
      output: response.usage?.output_tokens ?? 0,
      cached: response.usage?.input_tokens_details?.cached_tokens ?? 0,
    },
    raw: response,
  };
}

/** Responses has no stop reason: a finished response with calls stopped for tools. */
function mapResponsesStop(response: Response, hasToolCalls: boolean): NeutralStop {
  if (response.status === "completed") return hasToolCalls ? "tool" : "end";
  if (response.status === "incomplete" && response.incomplete_details?.reason === "max_output_tokens") return "length";
  return `other:${String(response.status)}:${String(response.incomplete_details?.reason)}`;
}
