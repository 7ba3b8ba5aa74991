import type { AssistantContentPart } from "./content-part.js";
import type { Extensions } from "./extensions.js";
import type { FinishReason } from "./finish-reason.js";
import type { Usage } from "./usage.js";

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
