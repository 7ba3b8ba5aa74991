import type { SpeedAnswer, SpeedPoint, UsageAnswer } from "../api-types.js";
import { Chart, type ChartSeries } from "../components/chart.js";

const seconds = (iso: string): number => Math.floor(new Date(iso).getTime() / 1000);

/** Requests (bars) and tokens (line, right axis) per day or per hour, from `group_by=day|hour`. */
export function VolumeChart(props: { title: string; answer: UsageAnswer | undefined; from: Date; to: Date }) {
  const rows = [...(props.answer?.rows ?? [])].sort((left, right) => seconds(left.key) - seconds(right.key));
  const x = rows.map((row) => seconds(row.key));
  const series: ChartSeries[] = [
    { label: "Requests", values: rows.map((row) => row.requests), bars: true },
    { label: "Tokens", values: rows.map((row) => row.input_tokens + row.output_tokens), right: true },
  ];
  const total = rows.reduce((sum, row) => sum + row.requests, 0);
  return (
    <Chart
      title={props.title}
      summary={`${total} requests over ${rows.length} periods.`}
      x={x}
      series={series}
      xRange={[props.from.getTime() / 1000, props.to.getTime() / 1000]}
    />
  );
}

/** The models drawn: more lines than the palette has colours cannot be told apart. */
const shownModels = 6;

/**
 * Time to first token (p50) and tokens per second per model, per hour or per day over the chosen
 * range, from `/api/usage/speed` (the rollups), so nobody needs Prometheus and Grafana for it.
 */
export function SpeedCharts(props: { answer: SpeedAnswer | undefined; rangeLabel: string; from: Date; to: Date }) {
  const points = props.answer?.points ?? [];
  const per = props.answer?.bucket ?? "hour";
  const x = [...new Set(points.map((point) => seconds(point.bucket_start)))].sort((left, right) => left - right);
  const column = new Map(x.map((value, index) => [value, index]));
  // A model with no value in a chart (a whole answer has no speed) is left out of its legend.
  const seriesOf = (pick: (point: SpeedPoint) => number | null): ChartSeries[] =>
    (props.answer?.models ?? [])
      .map((model) => {
        const values: Array<number | null> = x.map(() => null);
        for (const point of points) {
          if (point.model === model) values[column.get(seconds(point.bucket_start)) ?? 0] = pick(point);
        }
        return { label: model, values };
      })
      .filter((entry) => entry.values.some((value) => value !== null));
  const xRange: [number, number] = [props.from.getTime() / 1000, props.to.getTime() / 1000];
  const noData =
    props.answer === undefined
      ? "Loading…"
      : `No data yet (${props.rangeLabel}): the chart fills in as requests go through the gateway.`;
  const chart = (title: string, series: ChartSeries[], empty: string) => {
    if (series.length === 0)
      return (
        <figure class="chart">
          <figcaption>{title}</figcaption>
          <p class="chart-empty">{empty}</p>
        </figure>
      );
    const more = series.length - shownModels;
    const summary = `${Math.min(series.length, shownModels)} models per ${per}${more > 0 ? ` (the ${shownModels} with most requests; ${more} more not drawn)` : ""}.`;
    return <Chart title={title} summary={summary} x={x} series={series.slice(0, shownModels)} xRange={xRange} />;
  };
  return (
    <div class="chart-row" id="speed-charts">
      {chart(
        `Time to first token per model, p50 (ms, per ${per})`,
        seriesOf((point) => point.ttft_p50_ms),
        noData,
      )}
      {chart(
        `Tokens per second per model (per ${per})`,
        seriesOf((point) => point.tokens_per_second),
        points.length === 0
          ? noData
          : `No streamed answers yet (${props.rangeLabel}): tokens per second are measured on streamed answers, as output tokens over the time after their first token.`,
      )}
    </div>
  );
}
