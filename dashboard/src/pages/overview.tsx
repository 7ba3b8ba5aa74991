import { useCallback, useEffect, useMemo, useState } from "preact/hooks";
import { api } from "../api.js";
import type { RequestRow, RoutesAndProviders, UsageGroup } from "../api-types.js";
import { Problem } from "../components/problem.js";
import { QuotaBar } from "../components/quota-bar.js";
import { count, dollars, milliseconds, percent } from "../format.js";
import { hashOf, rangeStart, ranges, type RangeId } from "../hash-route.js";
import type { LiveFeed } from "../live.js";
import { useData, useLiveRefresh } from "../use-data.js";
import { requests, speed, usage } from "../usage-queries.js";
import { SpeedCharts, VolumeChart } from "./overview-charts.js";
import { RecentList } from "./recent-list.js";
import { UsageTable } from "./usage-table.js";

function fourteenDaysAgo(): Date {
  const start = rangeStart("today");
  start.setDate(start.getDate() - 13);
  return start;
}

function Cards(props: { totals: UsageGroup | undefined }) {
  const totals = props.totals;
  const success =
    totals === undefined || totals.requests === 0 ? null : (totals.requests - totals.errors) / totals.requests;
  const cards: Array<[string, string]> = [
    ["Requests", count(totals?.requests)],
    ["Success rate", percent(success)],
    ["Tokens in", count(totals?.input_tokens)],
    ["Tokens out", count(totals?.output_tokens)],
    ["Latency p50 / p95", `${milliseconds(totals?.p50_ms)} / ${milliseconds(totals?.p95_ms)}`],
    ["Premium requests spent", count(totals?.premium_spent)],
    ["Premium requests saved", count(totals?.premium_saved)],
    ["Estimated cost", dollars(totals?.cost_usd)],
  ];
  return (
    <dl class="cards" id="cards">
      {cards.map(([label, value]) => (
        <div class="card" key={label}>
          <dt>{label}</dt>
          <dd data-card={label}>{value}</dd>
        </div>
      ))}
    </dl>
  );
}

export function Overview(props: { live: LiveFeed; params: Record<string, string> }) {
  const range = (props.params["range"] ?? "today") as RangeId;
  const [recent, setRecent] = useState<RequestRow[]>([]);
  const byModel = useData(() => usage("model", rangeStart(range)), range);
  const byProvider = useData(() => usage("provider", rangeStart(range)), range);
  const daily = useData(() => usage("day", fourteenDaysAgo()), "daily");
  const hourly = useData(() => usage("hour", rangeStart("today")), "hourly");
  // Per hour for today, per day for 7 and 30 days: the chosen range, whole.
  const speeds = useData(() => speed(range === "today" ? "hour" : "day", rangeStart(range)), `speed-${range}`);
  const state = useData(() => api<RoutesAndProviders>("state"), "state");
  const latest = useData(() => requests({}, 20), "recent");
  useEffect(() => setRecent(latest.data?.rows ?? []), [latest.data]);
  useEffect(
    () => props.live.subscribe((rows) => setRecent((current) => [...rows.slice().reverse(), ...current].slice(0, 20))),
    [props.live],
  );
  const refresh = useCallback(() => {
    byModel.reload();
    byProvider.reload();
    daily.reload();
    hourly.reload();
    speeds.reload();
  }, [byModel.reload, byProvider.reload, daily.reload, hourly.reload, speeds.reload]);
  useLiveRefresh(props.live, refresh);
  const copilots = useMemo(
    () => (state.data?.providers ?? []).filter((provider) => provider.sign_in.kind === "github"),
    [state.data],
  );
  const error = byModel.error ?? daily.error ?? speeds.error ?? latest.error;
  return (
    <section aria-labelledby="overview-title">
      <div class="page-head">
        <h1 id="overview-title">Overview</h1>
        <nav aria-label="Range" class="segmented">
          {(Object.keys(ranges) as RangeId[]).map((id) => (
            <a key={id} href={hashOf("overview", { range: id })} aria-current={id === range ? "true" : undefined}>
              {ranges[id]}
            </a>
          ))}
        </nav>
      </div>
      <Problem message={error} />
      <Cards totals={byModel.data?.totals} />
      {copilots.map((provider) => (
        <QuotaBar key={provider.id} provider={provider} />
      ))}
      <div class="chart-row">
        <VolumeChart
          title="Requests and tokens per day (14 days)"
          answer={daily.data}
          from={fourteenDaysAgo()}
          to={new Date(rangeStart("today").getTime() + 86_400_000)}
        />
        <VolumeChart
          title="Requests and tokens per hour (today)"
          answer={hourly.data}
          from={rangeStart("today")}
          to={new Date(rangeStart("today").getTime() + 86_400_000)}
        />
      </div>
      <SpeedCharts
        answer={speeds.data}
        rangeLabel={ranges[range]}
        from={rangeStart(range)}
        to={new Date(rangeStart("today").getTime() + 86_400_000)}
      />
      <UsageTable
        id="by-model"
        caption={`Per model (${ranges[range]})`}
        keyTitle="Model"
        rows={byModel.data?.rows ?? []}
      />
      <UsageTable
        id="by-provider"
        caption={`Per provider (${ranges[range]})`}
        keyTitle="Provider"
        rows={byProvider.data?.rows ?? []}
      />
      <RecentList
        id="recent"
        caption="Recent requests"
        rows={recent}
        onOpen={(id) => (location.hash = hashOf("requests", { id }))}
      />
    </section>
  );
}
