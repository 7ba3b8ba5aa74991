import type { WireApi } from "../../protocols/wire-api.js";
import type { SideRequestKind } from "../../providers/provider.js";
import { recognizeSideRequest } from "./recognize-side-request.js";

type Json = Record<string, unknown>;

function isObject(value: unknown): value is Json {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}

const instructionRoles = new Set(["system", "developer"]);

/** The last entry that is not an instruction: Claude Code sends mid-conversation `system` messages last. */
function lastNonInstruction(entries: unknown[]): Json | undefined {
  for (let index = entries.length - 1; index >= 0; index--) {
    const entry = entries[index];
    if (!isObject(entry)) continue;
    if (typeof entry["role"] === "string" && instructionRoles.has(entry["role"])) continue;
    // Codex puts tool declarations and settings in input items of their own.
    if (entry["type"] === "additional_tools" || entry["type"] === "configuration_update") continue;
    return entry;
  }
  return undefined;
}

const toolResultTypes = new Set(["tool_result", "function_call_output", "custom_tool_call_output"]);

function hasToolResult(content: unknown): boolean {
  if (!Array.isArray(content)) return false;
  return content.some(
    (part) => isObject(part) && typeof part["type"] === "string" && toolResultTypes.has(part["type"]),
  );
}

/**
 * Who started this turn, read from the client's wire body: `user` when the last non-system entry is
 * a user message without tool results, `agent` otherwise (a tool loop continuing, an assistant
 * prefill). Copilot counts premium requests on `user` turns only, and GitHub's own clients mark only
 * what a person typed as `user`; text beside a tool result is what the client adds to the loop
 * (Claude Code's reminders), so such a turn is the agent's.
 */
export function detectInitiator(api: WireApi, body: Json): "user" | "agent" {
  if (api === "openai-responses") {
    const input = body["input"];
    if (typeof input === "string") return "user";
    if (!Array.isArray(input)) return "agent";
    const last = lastNonInstruction(input);
    if (last === undefined) return "agent";
    const isMessage = last["type"] === undefined || last["type"] === "message";
    return isMessage && last["role"] === "user" && !hasToolResult(last["content"]) ? "user" : "agent";
  }
  const messages = body["messages"];
  if (!Array.isArray(messages)) return "agent";
  const last = lastNonInstruction(messages);
  if (last === undefined || last["role"] !== "user") return "agent";
  return hasToolResult(last["content"]) ? "agent" : "user";
}

const imageTypes = new Set(["image", "image_url", "input_image"]);

function containsImage(value: unknown, depth: number): boolean {
  if (depth > 6) return false;
  if (Array.isArray(value)) return value.some((item) => containsImage(item, depth + 1));
  if (!isObject(value)) return false;
  if (typeof value["type"] === "string" && imageTypes.has(value["type"])) return true;
  // Only content-bearing keys can hold images; skipping tool schemas keeps this cheap.
  return containsImage(value["content"], depth + 1) || containsImage(value["output"], depth + 1);
}

/** True when any message carries an image (Copilot then needs `copilot-vision-request`). */
export function detectImages(api: WireApi, body: Json): boolean {
  const entries = api === "openai-responses" ? body["input"] : body["messages"];
  return Array.isArray(entries) && entries.some((entry) => containsImage(entry, 0));
}

/** What providers are told about a turn: who started it, whether it is a side request, whether it shows images. */
export interface TurnFacts {
  initiator: "user" | "agent";
  sideRequest?: SideRequestKind;
  hasImages: boolean;
}

/** Reads the turn's facts once from the client's body; a side request is never the person's turn. */
export function describeTurn(api: WireApi, body: Json): TurnFacts {
  const sideRequest = recognizeSideRequest(api, body);
  const facts: TurnFacts = {
    initiator: sideRequest === undefined ? detectInitiator(api, body) : "agent",
    hasImages: detectImages(api, body),
  };
  if (sideRequest !== undefined) facts.sideRequest = sideRequest;
  return facts;
}
