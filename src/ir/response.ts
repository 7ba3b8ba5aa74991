import type { AssistantContentPart } from "./content-part.js";
import type { Extensions } from "./extensions.js";
import type { FinishReason } from "./finish-reason.js";
import type { Usage } from "./usage.js";

/** What a usage record needs of an answer: its usage and why it ended. */
export type ResponseOutcome = Pick<Response, "usage" | "finishReason">;

export interface Response {
  id: string;
  model: string;
  content: AssistantContentPart[];
  finishReason: FinishReason;
  usage: Usage;
  /** Unix seconds. */
  created?: number;
  extensions?: Extensions;
}
