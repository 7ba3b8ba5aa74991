import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { AssistantContentPart } from "../../../ir/content-part.js";
import type { Response } from "../../../ir/response.js";
import type { StreamPart } from "../../../ir/stream-part.js";
import { collect, fromArray } from "../../testing/async-iterables.js";

/** Test helpers: a `.chunks.txt` fixture (one data payload a line, `#` comments) as SSE text, and IR parts made readable. */
export function fixtureSse(name: string): string {
  const text = readFileSync(join(import.meta.dirname, "..", "__fixtures__", name), "utf8");
  return text
    .split("\n")
    .filter((line) => line.length > 0 && !line.startsWith("#"))
    .map((line) => `data: ${line}\n\n`)
    .join("");
}

export function chunksOf(...chunks: Array<string | Uint8Array>): AsyncGenerator<string | Uint8Array> {
  return fromArray(chunks);
}

export { collect, fromArray };

/** Error parts carry a `GatewayError`; snapshots show its code and message. */
export function readable(parts: StreamPart[]): unknown[] {
  return parts.map((part) =>
    part.type === "error" ? { type: "error", code: part.error.code, message: part.error.message } : part,
  );
}

/** Joins a decoded stream into a whole response (test-only; the gateway has its own). */
export async function assembleResponse(parts: AsyncIterable<StreamPart>): Promise<Response> {
  const response: Response = {
    id: "",
    model: "",
    content: [],
    finishReason: { unified: "other" },
    usage: { inputTokens: 0, outputTokens: 0 },
  };
  const open = new Map<string, AssistantContentPart>();
  for await (const part of parts) {
    if (part.type === "response-start") Object.assign(response, { id: part.id, model: part.model });
    else if (part.type === "text-start") open.set(part.id, pushed(response, { type: "text", text: "" }));
    else if (part.type === "reasoning-start") open.set(part.id, pushed(response, { type: "reasoning", text: "" }));
    else if (part.type === "tool-input-start") {
      open.set(
        part.id,
        pushed(response, { type: "tool-call", id: part.callId, name: part.name, input: "", kind: part.kind }),
      );
    } else if (part.type === "text-delta" || part.type === "reasoning-delta" || part.type === "tool-input-delta") {
      const target = open.get(part.id);
      if (target?.type === "tool-call") target.input += part.delta;
      else if (target !== undefined) target.text += part.delta;
    } else if (part.type === "finish") Object.assign(response, { finishReason: part.reason, usage: part.usage });
    else if (part.type === "error") throw part.error;
  }
  return response;
}

function pushed(response: Response, part: AssistantContentPart): AssistantContentPart {
  response.content.push(part);
  return part;
}
