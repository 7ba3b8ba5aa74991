import OpenAI from "openai";
import type {
  Response,
  ResponseCreateParamsNonStreaming,
  ResponseFunctionCallOutputItemList,
  ResponseInputContent,
  ResponseInputItem,
  ResponseInputMessageContentList,
} from "openai/resources/responses/responses";
import {
  collectStream,
  recordingFetch,
  type ClientDriver,
  type NeutralAnswer,
  type NeutralPart,
  type NeutralStop,
  type NeutralTurn,
} from "../neutral-turn.js";

/** OpenAI Responses through the `openai` SDK, retries off. */
export function createResponsesDriver(options: { baseUrl: string; apiKey: string }): ClientDriver & { client: OpenAI } {
  const recorder = recordingFetch();
  const client = new OpenAI({
    baseURL: `${options.baseUrl}/v1`,
    apiKey: options.apiKey,
    maxRetries: 0,
    fetch: recorder.fetch,
  });
  return {
    api: "openai-responses",
    client,
    async ask(turn) {
      const params = toResponsesParams(turn);
      if (!turn.stream) {
        return {
          ...readResponse(await client.responses.create(params)),
          headers: recorder.lastHeaders(),
          sentBody: recorder.lastBody(),
        };
      }
      const stream = client.responses.stream({ ...params, stream: true });
      let usageSeenInStream = false;
      stream.on("event", (event) => {
        if ("response" in event && event.response.usage != null) usageSeenInStream = true;
      });
      const response = await stream.finalResponse();
      return {
        ...readResponse(response),
        headers: recorder.lastHeaders(),
        sentBody: recorder.lastBody(),
        usageSeenInStream,
      };
    },
    async streamEvents(turn) {
      try {
        return await collectStream(await client.responses.create({ ...toResponsesParams(turn), stream: true }));
      } catch (error) {
        return { eventTypes: [], events: [], error };
      }
    },
  };
}

function toResponsesPart(part: NeutralPart): ResponseInputContent {
  if (part.type === "text") return { type: "input_text", text: part.text };
  const url = part.type === "image" ? `data:${part.mediaType};base64,${part.base64}` : part.url;
  return { type: "input_image", image_url: url, detail: "auto" };
}

function toResponsesToolChoice(
  choice: NonNullable<NeutralTurn["toolChoice"]>,
): ResponseCreateParamsNonStreaming["tool_choice"] {
  if (typeof choice === "string") return choice;
  return { type: "function", name: choice.name };
}

export function toResponsesParams(turn: NeutralTurn): ResponseCreateParamsNonStreaming {
  const input: ResponseInputItem[] = [];
  for (const message of turn.messages) {
    if (message.role === "user") {
      const content: ResponseInputMessageContentList = [];
      if (message.parts !== undefined) content.push(...message.parts.map(toResponsesPart));
      else {
        if (message.image !== undefined) {
          const url = `data:${message.image.mediaType};base64,${message.image.base64}`;
          content.push({ type: "input_image", image_url: url, detail: "auto" });
        }
        content.push({ type: "input_text", text: message.text });
      }
      input.push({ type: "message", role: "user", content });
    } else if (message.role === "system" || message.role === "developer") {
      input.push({ type: "message", role: message.role, content: message.text });
    } else if (message.role === "assistant-replay") {
      input.push(...(message.replay as ResponseInputItem[]));
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
      // Responses has no error flag on a tool output: the text says so.
      const output =
        typeof message.output === "string"
          ? message.output
          : (message.output.map(toResponsesPart) as ResponseFunctionCallOutputItemList);
      input.push({ type: "function_call_output", call_id: message.callId, output });
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
  if (turn.reasoning || turn.effort !== undefined) {
    params.reasoning = { effort: turn.effort ?? "low", summary: "auto" };
    params.include = ["reasoning.encrypted_content"];
  }
  if (turn.responseFormat !== undefined) {
    params.text = {
      format: { type: "json_schema", name: turn.responseFormat.name, schema: turn.responseFormat.schema, strict: true },
    };
  }
  if (turn.toolChoice !== undefined) params.tool_choice = toResponsesToolChoice(turn.toolChoice);
  // Responses has no stop sequences: a turn that sets them is not expressible by this client.
  Object.assign(params, turn.extraFields?.["openai-responses"]);
  return params;
}

export function readResponse(response: Response): Omit<NeutralAnswer, "headers" | "sentBody"> {
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
  const reasoningTokens = response.usage?.output_tokens_details?.reasoning_tokens;
  return {
    text,
    reasoning,
    toolCalls,
    stop: mapResponsesStop(response, toolCalls.length > 0),
    usage: {
      inputTotal: response.usage?.input_tokens ?? 0,
      output: response.usage?.output_tokens ?? 0,
      cached: response.usage?.input_tokens_details?.cached_tokens ?? 0,
      ...(reasoningTokens !== undefined && { reasoning: reasoningTokens }),
    },
    raw: response,
    // Codex (store: false) sends the output items back as input on the next turn, reasoning included.
    replay: response.output,
  };
}

/** Responses has no stop reason: a finished response with calls stopped for tools. */
function mapResponsesStop(response: Response, hasToolCalls: boolean): NeutralStop {
  if (response.status === "completed") return hasToolCalls ? "tool" : "end";
  if (response.status === "incomplete" && response.incomplete_details?.reason === "max_output_tokens") return "length";
  return `other:${String(response.status)}:${String(response.incomplete_details?.reason)}`;
}
