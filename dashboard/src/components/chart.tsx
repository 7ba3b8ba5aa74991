import { useEffect, useRef } from "preact/hooks";
import uPlot from "uplot";
import "uplot/dist/uPlot.min.css";

export interface ChartSeries {
  label: string;
  values: Array<number | null>;
  /** Drawn against the right-hand axis (a second unit). */
  right?: boolean;
  bars?: boolean;
}

const palette = ["#2f6fde", "#d9822b", "#2a9d62", "#b3478f", "#7a5cd6", "#c0392b"];

function cssColor(name: string, fallback: string): string {
  const value = getComputedStyle(document.documentElement).getPropertyValue(name).trim();
  return value === "" ? fallback : value;
}

/**
 * A uPlot chart. `x` is seconds since the epoch. The figure's label and a visually hidden
 * table-free summary tell screen-reader users what the canvas shows.
 */
export function Chart(props: {
  title: string;
  summary: string;
  x: number[];
  series: ChartSeries[];
  height?: number;
  /** The x range shown (seconds), so that one point is not stretched over years. */
  xRange?: [number, number];
}) {
  const holder = useRef<HTMLDivElement>(null);
  const { x, series, height = 180, xRange } = props;
  const [xMin, xMax] = xRange ?? [undefined, undefined];
  useEffect(() => {
    const element = holder.current;
    if (element === null) return;
    const text = cssColor("--text", "#222");
    const grid = cssColor("--grid", "#ddd");
    const axis = (scale: string, side?: number): uPlot.Axis => ({
      scale,
      stroke: text,
      grid: { stroke: grid, width: 1 },
      ticks: { stroke: grid, width: 1 },
      size: 60,
      ...(side === undefined ? {} : { side }),
    });
    const hasRight = series.some((entry) => entry.right === true);
    const bars = uPlot.paths.bars?.({ size: [0.6, 40] });
    const plot = new uPlot(
      {
        width: Math.max(240, element.clientWidth),
        height,
        legend: { show: true },
        cursor: { drag: { x: false, y: false } },
        scales: {
          x: xMin === undefined || xMax === undefined ? { time: true } : { time: true, range: () => [xMin, xMax] },
        },
        axes: [axis("x"), axis("left"), ...(hasRight ? [axis("right", 1)] : [])],
        series: [
          {},
          ...series.map((entry, index) => ({
            label: entry.label,
            scale: entry.right === true ? "right" : "left",
            stroke: palette[index % palette.length],
            width: 2,
            spanGaps: true,
            ...(entry.bars === true && bars !== undefined
              ? { paths: bars, fill: `${palette[index % palette.length]}88` }
              : { points: { show: x.length < 60 } }),
          })),
        ],
      },
      [x, ...series.map((entry) => entry.values)],
      element,
    );
    const resize = new ResizeObserver(() => plot.setSize({ width: Math.max(240, element.clientWidth), height }));
    resize.observe(element);
    return () => {
      resize.disconnect();
      plot.destroy();
    };
  }, [x, series, height, xMin, xMax]);
  return (
    <figure class="chart">
      <figcaption>{props.title}</figcaption>
      <div ref={holder} role="img" aria-label={`${props.title}. ${props.summary}`} />
    </figure>
  );
}
