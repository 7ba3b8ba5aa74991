import { useCallback } from "preact/hooks";
import { Problem } from "../components/problem.js";
import { cacheHitRate, count, dollars, milliseconds } from "../format.js";
import { hashOf, rangeStart, ranges, type RangeId } from "../hash-route.js";
import type { LiveFeed } from "../live.js";
import { useData, useLiveRefresh } from "../use-data.js";
import { usage } from "../usage-queries.js";

/** Claude Code and Codex sessions, each with its totals: what it cost and spent. */
export function Sessions(props: { live: LiveFeed; params: Record<string, string> }) {
  const range = (props.params["range"] ?? "7d") as RangeId;
  const sessions = useData(() => usage("session", rangeStart(range)), range);
  const refresh = useCallback(() => sessions.reload(), [sessions.reload]);
  useLiveRefresh(props.live, refresh);
  const rows = (sessions.data?.rows ?? []).filter((row) => row.key !== "");
  return (
    <section aria-labelledby="sessions-title">
      <div class="page-head">
        <h1 id="sessions-title">Sessions</h1>
        <nav aria-label="Range" class="segmented">
          {(Object.keys(ranges) as RangeId[]).map((id) => (
            <a key={id} href={hashOf("sessions", { range: id })} aria-current={id === range ? "true" : undefined}>
              {ranges[id]}
            </a>
          ))}
        </nav>
      </div>
      <Problem message={sessions.error} />
      <table class="data" id="sessions">
        <caption>Sessions ({ranges[range]}), with their totals</caption>
        <thead>
          <tr>
            <th scope="col">Session</th>
            <th scope="col">Requests</th>
            <th scope="col">Tokens in</th>
            <th scope="col">Tokens out</th>
            <th scope="col" title="The provider's prompt cache: cache reads over input tokens">
              Cache hit
            </th>
            <th scope="col">Premium spent</th>
            <th scope="col">Premium saved</th>
            <th scope="col">Cost</th>
            <th scope="col">p50</th>
            <th scope="col">Errors</th>
          </tr>
        </thead>
        <tbody>
          {rows.length === 0 ? (
            <tr>
              <td colSpan={10} class="muted">
                No sessions in this range. Claude Code and Codex requests carry a session id; other clients do not.
              </td>
            </tr>
          ) : (
            rows.map((row) => (
              <tr key={row.key}>
                <th scope="row">
                  <a href={hashOf("requests", { session: row.key })}>{row.key}</a>
                </th>
                <td>{count(row.requests)}</td>
                <td>{count(row.input_tokens)}</td>
                <td>{count(row.output_tokens)}</td>
                <td data-column="cache-hit">{cacheHitRate(row)}</td>
                <td>{count(row.premium_spent)}</td>
                <td>{count(row.premium_saved)}</td>
                <td>{dollars(row.cost_usd)}</td>
                <td>{milliseconds(row.p50_ms)}</td>
                <td>{count(row.errors)}</td>
              </tr>
            ))
          )}
        </tbody>
      </table>
    </section>
  );
}
