import type { RequestRow, UsageAnswer } from "../api-types.js";
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

/**
 * Time to first token and tokens per second per model, over the newest requests (each point one
 * request), so nobody needs Prometheus and Grafana for it.
 */
export function SpeedCharts(props: { rows: RequestRow[] }) {
  const rows = [...props.rows].filter((row) => row.status < 400).reverse();
  const models = [...new Set(rows.map((row) => row.model))].slice(0, 6);
  const x = rows.map((row) => new Date(row.started_at).getTime() / 1000);
  const ttft: ChartSeries[] = models.map((model) => ({
    label: model,
    values: rows.map((row) => (row.model === model ? (row.first_byte_ms ?? null) : null)),
  }));
  const speed: ChartSeries[] = models.map((model) => ({
    label: model,
    values: rows.map((row) => {
      if (row.model !== model || row.output_tokens == null) return null;
      const generating = row.duration_ms - (row.first_byte_ms ?? 0);
      return generating > 0 ? Math.round((row.output_tokens / generating) * 1000) : null;
    }),
  }));
  return (
    <div class="chart-row">
      <Chart
        title="Time to first token per model (ms)"
        summary={`${rows.length} recent requests across ${models.length} models.`}
        x={x}
        series={ttft}
      />
      <Chart
        title="Tokens per second per model"
        summary={`${rows.length} recent requests across ${models.length} models.`}
        x={x}
        series={speed}
      />
    </div>
  );
}
