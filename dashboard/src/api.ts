import type { RequestRow, SessionAnswer } from "./api-types.js";

/** A refusal from the server, with its message (OpenAI error shape) and the parameter it names. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly param: string | undefined,
  ) {
    super(message);
  }
}

let csrfToken: string | undefined;
let onSignedOut: () => void = () => undefined;

export function setSession(session: SessionAnswer): void {
  csrfToken = session.csrf_token;
}

/** Called when the server says the session is gone (the page shows the key prompt again). */
export function whenSignedOut(handler: () => void): void {
  onSignedOut = handler;
}

export async function api<T>(path: string, init: { method?: string; body?: unknown } = {}): Promise<T> {
  const headers: Record<string, string> = { accept: "application/json" };
  if (init.body !== undefined) headers["content-type"] = "application/json";
  if (init.method !== undefined && init.method !== "GET" && csrfToken !== undefined)
    headers["x-csrf-token"] = csrfToken;
  const response = await fetch(`/dashboard/api/${path}`, {
    method: init.method ?? "GET",
    headers,
    credentials: "same-origin",
    ...(init.body === undefined ? {} : { body: JSON.stringify(init.body) }),
  });
  const text = await response.text();
  let parsed: unknown;
  try {
    parsed = text === "" ? undefined : JSON.parse(text);
  } catch {
    parsed = undefined;
  }
  if (!response.ok) {
    const error = (parsed as { error?: { message?: string; param?: string | null } } | undefined)?.error;
    if (response.status === 401 && path !== "login") onSignedOut();
    throw new ApiError(
      response.status,
      error?.message ?? `The gateway answered ${response.status}.`,
      error?.param ?? undefined,
    );
  }
  return parsed as T;
}

export function session(): Promise<SessionAnswer> {
  return api<SessionAnswer>("session");
}

/** A store row may name fields a little differently; the page reads one shape. */
export function normaliseRequest(raw: Record<string, unknown>): RequestRow {
  const text = (...names: string[]): string | null => {
    for (const name of names) if (typeof raw[name] === "string") return raw[name] as string;
    return null;
  };
  const number = (...names: string[]): number | null => {
    for (const name of names) if (typeof raw[name] === "number") return raw[name] as number;
    return null;
  };
  const usage = (raw["usage"] ?? {}) as Record<string, unknown>;
  return {
    id: text("id", "request_id", "requestId") ?? "",
    started_at: text("started_at", "startedAt") ?? "",
    model: text("model", "requested_model") ?? "",
    provider: text("provider"),
    upstream_model: text("upstream_model"),
    status: number("status") ?? 0,
    error_code: text("error_code"),
    duration_ms: number("duration_ms") ?? 0,
    first_byte_ms: number("first_byte_ms", "ttft_ms"),
    input_tokens: number("input_tokens") ?? (typeof usage["input"] === "number" ? (usage["input"] as number) : null),
    output_tokens:
      number("output_tokens") ?? (typeof usage["output"] === "number" ? (usage["output"] as number) : null),
    client: text("client"),
    session: text("session_id", "session"),
  };
}
