import { useEffect, useState } from "preact/hooks";
import type { RequestRow } from "../api-types.js";
import { Problem } from "../components/problem.js";
import { hashOf } from "../hash-route.js";
import type { LiveFeed } from "../live.js";
import { useData } from "../use-data.js";
import { matchesFilters, requests } from "../usage-queries.js";
import { RecentList } from "./recent-list.js";
import { RequestDetails } from "./request-details.js";

const filterNames = ["model", "provider", "status", "client", "session"] as const;

/** Recent requests, newest first, filtered; a row opens to its details, loaded on open. */
export function Requests(props: { live: LiveFeed; params: Record<string, string> }) {
  const filters: Record<string, string> = {};
  for (const name of filterNames) if (props.params[name] !== undefined) filters[name] = props.params[name];
  const key = JSON.stringify(filters);
  const first = useData(() => requests(filters, 50), key);
  const [rows, setRows] = useState<RequestRow[]>([]);
  const [next, setNext] = useState<string | null>(null);
  const [moreError, setMoreError] = useState<string | undefined>(undefined);
  useEffect(() => {
    setRows(first.data?.rows ?? []);
    setNext(first.data?.nextBefore ?? null);
  }, [first.data]);
  useEffect(
    () =>
      props.live.subscribe((live) => {
        const fresh = live.filter((row) => matchesFilters(row, filters)).reverse();
        if (fresh.length > 0) setRows((current) => [...fresh, ...current].slice(0, 500));
      }),
    [props.live, key],
  );
  const open = props.params["id"];
  const go = (changes: Record<string, string>): void => {
    location.hash = hashOf("requests", { ...filters, ...changes });
  };
  return (
    <section aria-labelledby="requests-title">
      <h1 id="requests-title">Requests</h1>
      <form
        class="filters"
        aria-label="Filter requests"
        onSubmit={(event) => {
          event.preventDefault();
          const form = new FormData(event.currentTarget as HTMLFormElement);
          const chosen: Record<string, string> = {};
          for (const name of filterNames) chosen[name] = String(form.get(name) ?? "").trim();
          location.hash = hashOf("requests", chosen);
        }}
      >
        {filterNames.map((name) => (
          <label key={name}>
            {name[0]?.toUpperCase()}
            {name.slice(1)}
            <input
              name={name}
              defaultValue={filters[name] ?? ""}
              placeholder={name === "status" ? "e.g. 429" : "any"}
            />
          </label>
        ))}
        <button type="submit">Apply filters</button>
        <a href={hashOf("requests")}>Clear</a>
      </form>
      <Problem message={first.error ?? moreError} />
      {open !== undefined ? <RequestDetails id={open} onClose={() => go({ id: "" })} /> : null}
      <RecentList id="request-list" caption="Requests, newest first" rows={rows} onOpen={(id) => go({ id })} />
      {next !== null ? (
        <button
          type="button"
          onClick={() =>
            requests(filters, 50, next).then(
              (page) => {
                setRows((current) => [...current, ...page.rows]);
                setNext(page.nextBefore);
              },
              (error: unknown) => setMoreError(String(error)),
            )
          }
        >
          Load older requests
        </button>
      ) : null}
    </section>
  );
}
