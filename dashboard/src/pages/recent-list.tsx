import type { RequestRow } from "../api-types.js";
import { count, milliseconds, time } from "../format.js";

/** Requests newest first; a row opens its details (by click or Enter). */
export function RecentList(props: { rows: RequestRow[]; caption: string; onOpen: (id: string) => void; id: string }) {
  return (
    <table class="data requests" id={props.id}>
      <caption>{props.caption}</caption>
      <thead>
        <tr>
          <th scope="col">Time</th>
          <th scope="col">Model</th>
          <th scope="col">Provider</th>
          <th scope="col">Status</th>
          <th scope="col">Duration</th>
          <th scope="col">Tokens in/out</th>
          <th scope="col">Client</th>
        </tr>
      </thead>
      <tbody>
        {props.rows.length === 0 ? (
          <tr>
            <td colSpan={7} class="muted">
              No requests yet.
            </td>
          </tr>
        ) : (
          props.rows.map((row) => (
            <tr
              key={row.id}
              class="openable"
              tabIndex={0}
              data-request-id={row.id}
              aria-label={`Request ${row.id}: ${row.model}, status ${row.status}. Press Enter for details.`}
              onClick={() => props.onOpen(row.id)}
              onKeyDown={(event) => {
                if (event.key === "Enter" || event.key === " ") {
                  event.preventDefault();
                  props.onOpen(row.id);
                }
              }}
            >
              <td>{time(row.started_at)}</td>
              <td>{row.model}</td>
              <td>{row.provider ?? "–"}</td>
              <td class={row.status >= 400 ? "status-error" : "status-ok"}>{row.status}</td>
              <td>{milliseconds(row.duration_ms)}</td>
              <td>
                {count(row.input_tokens)} / {count(row.output_tokens)}
              </td>
              <td>{row.client ?? "–"}</td>
            </tr>
          ))
        )}
      </tbody>
    </table>
  );
}
