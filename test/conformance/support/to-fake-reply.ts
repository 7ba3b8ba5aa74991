import type { FakeReply } from "../../fake-upstream/types.js";
import type { ScriptedReply } from "./scripted-reply.js";

/** The suite's scripted answer in the fake upstream's terms. */
export function toFakeReply(reply: ScriptedReply): FakeReply {
  if (reply.httpError !== undefined) {
    const error: FakeReply["error"] = { status: reply.httpError.status };
    if (reply.httpError.headers !== undefined) error.headers = reply.httpError.headers;
    return { error };
  }
  const fake: FakeReply = {};
  if (reply.text !== undefined) fake.text = reply.text;
  if (reply.reasoning !== undefined) fake.reasoning = { text: reply.reasoning, signature: "sig-conformance" };
  if (reply.toolCalls !== undefined) {
    fake.toolCalls = reply.toolCalls.map((call) => ({
      id: call.id,
      name: call.name,
      arguments: call.arguments,
      kind: call.kind ?? "function",
    }));
    fake.stopReason = "tool-calls";
  }
  if (reply.usage !== undefined) {
    fake.usage = {
      inputTokens: reply.usage.inputTotal,
      outputTokens: reply.usage.output,
      cacheReadTokens: reply.usage.cached,
      ...(reply.usage.reasoning !== undefined && { reasoningTokens: reply.usage.reasoning }),
    };
  }
  if (reply.truncated) fake.stopReason = "length";
  // `streamError` is injected between the fake and the gateway (inject-stream-error.ts).
  if (reply.stall) fake.fault = "hang-mid-stream";
  return fake;
}
