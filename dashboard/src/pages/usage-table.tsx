import type { UsageGroup } from "../api-types.js";
import { cacheHitRate, count, milliseconds } from "../format.js";

/** Per-model or per-provider rows: requests, tokens, latency, errors, fallbacks. */
export function UsageTable(props: { caption: string; keyTitle: string; rows: UsageGroup[]; id: string }) {
  return (
    <table class="data" id={props.id}>
      <caption>{props.caption}</caption>
      <thead>
        <tr>
          <th scope="col">{props.keyTitle}</th>
          <th scope="col">Requests</th>
          <th scope="col">Tokens in</th>
          <th scope="col">Tokens out</th>
          <th scope="col" title="The provider's prompt cache: cache reads over input tokens">
            Cache hit
          </th>
          <th scope="col">p50</th>
          <th scope="col">p95</th>
          <th scope="col">TTFT p50</th>
          <th scope="col">Errors</th>
          <th scope="col">Fallbacks</th>
        </tr>
      </thead>
      <tbody>
        {props.rows.length === 0 ? (
          <tr>
            <td colSpan={10} class="muted">
              No requests in this range yet.
            </td>
          </tr>
        ) : (
          props.rows.map((row) => (
            <tr key={row.key}>
              <th scope="row">{row.key === "" ? "(none)" : row.key}</th>
              <td>{count(row.requests)}</td>
              <td>{count(row.input_tokens)}</td>
              <td>{count(row.output_tokens)}</td>
              <td data-column="cache-hit">{cacheHitRate(row)}</td>
              <td>{milliseconds(row.p50_ms)}</td>
              <td>{milliseconds(row.p95_ms)}</td>
              <td>{milliseconds(row.ttft_p50_ms)}</td>
              <td>{count(row.errors)}</td>
              <td>{count(row.fallbacks)}</td>
            </tr>
          ))
        )}
      </tbody>
    </table>
  );
}
