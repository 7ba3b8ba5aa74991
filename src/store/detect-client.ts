import type { ClientName, UsageRecord } from "./usage-record.js";

type Headers = Record<string, string | string[] | undefined>;

// User-agent prefixes, most specific first: `claude-cli/2.1.197 (external, cli)`, `codex_exec/0.169.0 (...)`,
// `codex_cli_rs/…`, the SDKs' `OpenAI/JS 6.49.0` and `Anthropic/JS 1.13.0` (Python: `OpenAI/Python`).
const userAgents: Array<[RegExp, ClientName]> = [
  [/^claude-cli\/([^\s]+)/i, "claude-code"],
  [/^codex[_-][a-z_]+\/([^\s]+)/i, "codex"],
  [/^openai\/[a-z]+ ([^\s]+)/i, "openai-sdk"],
  [/^anthropic\/[a-z]+ ([^\s]+)/i, "anthropic-sdk"],
];

function header(headers: Headers, name: string): string | undefined {
  const value = headers[name];
  const text = Array.isArray(value) ? value[0] : value;
  return text === undefined || text === "" ? undefined : text;
}

// Claude Code's `metadata.user_id` ends in `_session_<uuid>` in older versions.
const metadataSession = /_session_([0-9a-f-]{8,})$/i;

/** The calling tool, its version and its session id, from the request headers (and Claude Code's `metadata.user_id`). */
export function detectClient(
  headers: Headers,
  metadataUserId?: unknown,
): Pick<UsageRecord, "client" | "clientVersion" | "sessionId"> {
  const found: Pick<UsageRecord, "client" | "clientVersion" | "sessionId"> = {};
  const userAgent = header(headers, "user-agent");
  if (userAgent !== undefined) {
    found.client = "other";
    for (const [pattern, client] of userAgents) {
      const match = pattern.exec(userAgent);
      if (match === null) continue;
      found.client = client;
      if (match[1] !== undefined) found.clientVersion = match[1].slice(0, 40);
      break;
    }
  }
  // Claude Code: `x-claude-code-session-id`; Codex: `session_id` (and `conversation_id` before 0.50).
  const session =
    header(headers, "x-claude-code-session-id") ??
    header(headers, "session_id") ??
    header(headers, "session-id") ??
    header(headers, "x-session-id") ??
    header(headers, "conversation_id");
  if (session !== undefined) found.sessionId = session.slice(0, 128);
  else if (typeof metadataUserId === "string") {
    const match = metadataSession.exec(metadataUserId);
    if (match?.[1] !== undefined) found.sessionId = match[1];
  }
  return found;
}
