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
            <Field
              label="Started"
              value={typeof data["started_at"] === "string" ? dateTime(data["started_at"]) : undefined}
            />
            <Field label="Model asked for" value={data["model"] ?? data["requested_model"]} />
            <Field label="Provider" value={data["provider"]} />
            <Field label="Upstream model" value={data["upstream_model"]} />
            <Field label="Status" value={data["status"]} />
            <Field label="Error" value={data["error_code"]} />
            <Field
              label="Duration"
              value={typeof data["duration_ms"] === "number" ? milliseconds(data["duration_ms"]) : undefined}
            />
            <Field
              label="First byte"
              value={typeof data["first_byte_ms"] === "number" ? milliseconds(data["first_byte_ms"]) : undefined}
            />
            <Field label="Initiator" value={data["initiator"]} />
            <Field label="Client" value={data["client"]} />
            <Field label="Session" value={data["session_id"] ?? data["session"]} />
            <Field label="Usage" value={data["usage"]} />
            <Field label="Premium spent" value={data["premium_spent"]} />
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
          {["request_body", "response_body"].map((name) =>
            data[name] === undefined || data[name] === null ? null : (
              <details key={name}>
                <summary>{name === "request_body" ? "Request body" : "Response body"}</summary>
                <pre>{typeof data[name] === "string" ? data[name] : JSON.stringify(data[name], null, 2)}</pre>
              </details>
            ),
          )}
        </>
      ) : null}
    </section>
  );
}
