import { useEffect, useRef } from "preact/hooks";
import { api } from "../api.js";
import { useData } from "../use-data.js";
import { Problem } from "../components/problem.js";
import { dateTime, milliseconds } from "../format.js";

type Detail = Record<string, unknown>;

function Field(props: { label: string; value: unknown }) {
  if (props.value === undefined || props.value === null || props.value === "") return null;
  return (
    <>
      <dt>{props.label}</dt>
      <dd>{typeof props.value === "object" ? JSON.stringify(props.value) : String(props.value)}</dd>
    </>
  );
}

/** The store's whole row is camelCase (a `UsageRecord`); list rows are snake_case. Either is read. */
function pick(detail: Detail, ...names: string[]): unknown {
  for (const name of names) if (detail[name] !== undefined && detail[name] !== null) return detail[name];
  return undefined;
}

function usageText(usage: unknown): string | undefined {
  if (typeof usage !== "object" || usage === null) return undefined;
  const names: Record<string, string> = {
    inputTokens: "in",
    outputTokens: "out",
    cacheReadTokens: "cache read",
    cacheWriteTokens: "cache write",
    reasoningTokens: "reasoning",
  };
  return Object.entries(usage as Record<string, unknown>)
    .filter(([, value]) => typeof value === "number")
    .map(([name, value]) => `${String(value)} ${names[name] ?? name}`)
    .join(", ");
}

function msOf(value: unknown): string | undefined {
  return typeof value === "number" ? milliseconds(value) : undefined;
}

function listOf(detail: Detail, name: string): Array<Record<string, unknown>> {
  const value = detail[name];
  return Array.isArray(value) ? (value as Array<Record<string, unknown>>) : [];
}

/** One request in full, loaded when opened: attempts, fallbacks, warnings, initiator, usage, bodies when kept. */
export function RequestDetails(props: { id: string; onClose: () => void }) {
  const detail = useData(() => api<Detail>(`requests/${encodeURIComponent(props.id)}`), props.id);
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), [props.id]);
  const data = detail.data;
  return (
    <section class="details" aria-labelledby="details-title" id="request-details">
      <div class="page-head">
        <h2 id="details-title" tabIndex={-1} ref={heading}>
          Request {props.id}
        </h2>
        <button type="button" onClick={props.onClose}>
          Close details
        </button>
      </div>
      <Problem message={detail.error} />
      {data === undefined && detail.error === undefined ? <p class="muted">Loading…</p> : null}
      {data !== undefined ? (
        <>
          <dl class="fields">
            <Field label="Started" value={dateTime(String(pick(data, "started_at", "startedAt") ?? ""))} />
            <Field label="Model asked for" value={pick(data, "requested_model", "requestedModel")} />
            <Field label="Provider" value={pick(data, "provider")} />
            <Field label="Upstream model" value={pick(data, "upstream_model", "upstreamModel")} />
            <Field label="Client API" value={pick(data, "client_api", "clientApi")} />
            <Field label="Status" value={pick(data, "status")} />
            <Field label="Error" value={pick(data, "error_code", "errorCode")} />
            <Field label="Duration" value={msOf(pick(data, "duration_ms", "durationMs"))} />
            <Field label="First byte" value={msOf(pick(data, "first_byte_ms", "firstByteMs"))} />
            <Field label="Initiator" value={pick(data, "initiator")} />
            <Field label="Client" value={pick(data, "client")} />
            <Field label="Session" value={pick(data, "session_id", "sessionId")} />
            <Field label="Route" value={pick(data, "route")} />
            <Field label="Usage" value={usageText(pick(data, "usage"))} />
            <Field label="Premium requests spent" value={pick(data, "premium_spent", "premiumSpent")} />
            <Field label="Premium requests saved" value={pick(data, "premium_saved", "premiumSaved")} />
            <Field label="Estimated cost (USD)" value={pick(data, "cost_usd", "costUsd")} />
            <Field label="Waited in the account's queue" value={msOf(pick(data, "queue_wait_ms", "queueWaitMs"))} />
            <Field label="Queue depth on arrival" value={pick(data, "queue_depth", "queueDepth")} />
          </dl>
          <h3>Attempts</h3>
          <ol class="attempts">
            {listOf(data, "attempts").map((attempt, index) => (
              <li key={index}>
                {String(attempt["provider"])}/{String(attempt["model"])}: {String(attempt["outcome"])}
                {attempt["status"] === undefined ? "" : ` (${String(attempt["status"])})`}
                {index > 0 ? " — fallback" : ""}
              </li>
            ))}
          </ol>
          <h3>Warnings</h3>
          {listOf(data, "warnings").length === 0 ? (
            <p class="muted">None.</p>
          ) : (
            <ul>
              {listOf(data, "warnings").map((warning, index) => (
                <li key={index}>{String(warning["message"] ?? JSON.stringify(warning))}</li>
              ))}
            </ul>
          )}
          {(["request", "response"] as const).map((name) => {
            const bodies = (data["bodies"] ?? {}) as Record<string, unknown>;
            const body = bodies[name] ?? data[`${name}_body`];
            if (body === undefined || body === null) return null;
            return (
              <details key={name}>
                <summary>{name === "request" ? "Request body" : "Response body"}</summary>
                <pre>{typeof body === "string" ? body : JSON.stringify(body, null, 2)}</pre>
              </details>
            );
          })}
          {data["bodies"] === undefined ? (
            <p class="muted">No bodies stored for this request (store.bodies keeps them).</p>
          ) : null}
        </>
      ) : null}
    </section>
  );
}
