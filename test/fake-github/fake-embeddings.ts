import type { ServerResponse } from "node:http";
import { embeddingsBodyProblem, renderEmbeddings } from "../fake-upstream/render-embeddings.js";
import { fakeCopilotModels } from "./fake-models.js";
import { sendJson } from "./http-helpers.js";

/**
 * Copilot's `POST /embeddings`: OpenAI's shape, for the models `/models` lists with
 * `capabilities.type: "embeddings"`; a chat model there is refused as unsupported.
 */
export function answerEmbeddings(response: ServerResponse, model: string, body: Record<string, unknown>): void {
  const entry = fakeCopilotModels.find((candidate) => candidate.id === model);
  if (entry === undefined || entry.capabilities.type !== "embeddings") {
    return sendJson(response, 400, {
      error: {
        message: "The requested model is not supported.",
        code: "model_not_supported",
        param: "model",
        type: "invalid_request_error",
      },
    });
  }
  const problem = embeddingsBodyProblem(body);
  if (problem !== undefined)
    return sendJson(response, 400, { error: { message: problem, type: "invalid_request_error" } });
  sendJson(response, 200, renderEmbeddings(body));
}
