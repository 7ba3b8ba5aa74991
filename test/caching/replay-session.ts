import { request } from "undici";
import { gatewayKey } from "../conformance/support/gateway-config.js";

/** What the client saw of one turn's usage (Responses' `usage` on `response.completed`). */
export interface TurnUsage {
  inputTokens: number;
  cachedTokens: number;
  cacheWriteTokens: number;
}

/** Sends the session's requests one after another, as Codex does, and reads each turn's usage. */
export async function replaySession(
  gatewayUrl: string,
  requests: Array<Record<string, unknown>>,
  sessionId: string,
): Promise<TurnUsage[]> {
  const usages: TurnUsage[] = [];
  for (const body of requests) {
    const answer = await request(`${gatewayUrl}/v1/responses`, {
      method: "POST",
      headers: {
        "content-type": "application/json",
        authorization: `Bearer ${gatewayKey}`,
        originator: "codex_exec",
        "user-agent": "codex_exec/0.169.0 (test replay)",
        // Codex names its session in this header (the usage store groups by it).
        session_id: sessionId,
      },
      body: JSON.stringify(body),
    });
    const text = await answer.body.text();
    if (answer.statusCode !== 200) throw new Error(`turn ${usages.length + 1}: ${answer.statusCode} ${text}`);
    const completed = text
      .split("\n")
      .filter((line) => line.startsWith("data: "))
      .map((line) => JSON.parse(line.slice(6)) as { type: string; response?: { usage?: Record<string, unknown> } })
      .find((event) => event.type === "response.completed");
    const usage = completed?.response?.usage as
      | { input_tokens: number; input_tokens_details?: { cached_tokens?: number; cache_write_tokens?: number } }
      | undefined;
    if (usage === undefined) throw new Error(`turn ${usages.length + 1}: no usage in ${text.slice(-500)}`);
    usages.push({
      inputTokens: usage.input_tokens,
      cachedTokens: usage.input_tokens_details?.cached_tokens ?? 0,
      cacheWriteTokens: usage.input_tokens_details?.cache_write_tokens ?? 0,
    });
  }
  return usages;
}

/** Cache reads ÷ input tokens over the turns given. */
export function hitRate(turns: TurnUsage[]): number {
  const input = turns.reduce((sum, turn) => sum + turn.inputTokens, 0);
  const cached = turns.reduce((sum, turn) => sum + turn.cachedTokens, 0);
  return input === 0 ? 0 : cached / input;
}
