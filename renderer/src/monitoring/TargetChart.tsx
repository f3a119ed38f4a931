import { useEffect, useRef } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import type { HistorySeries } from '../../../preload/contract';

export interface SloLines {
  p50: number;
  p99: number;
}

/**
 * Latency and success per check with the latency objectives drawn across. uPlot draws 100,000
 * points in a few milliseconds; the plot is created once and only its data is replaced.
 */
export function TargetChart({ series, slo }: { series: HistorySeries; slo: SloLines | null }) {
  const host = useRef<HTMLDivElement>(null);
  const plot = useRef<uPlot | null>(null);

  useEffect(() => {
    const el = host.current;
    if (!el) return;
    const css = getComputedStyle(document.documentElement);
    const color = (name: string, fallback: string) => css.getPropertyValue(name).trim() || fallback;
    const opts: uPlot.Options = {
      width: el.clientWidth || 800,
      height: 220,
      scales: { x: { time: true }, ms: { auto: true }, up: { range: [0, 1.05] } },
      axes: [
        { stroke: color('--muted', '#666') },
        { scale: 'ms', label: 'latency (ms)', stroke: color('--muted', '#666') },
        { scale: 'up', side: 1, label: 'success', stroke: color('--muted', '#666'), grid: { show: false }, values: (_u, ticks) => ticks.map((t) => `${Math.round(t * 100)}%`) },
      ],
      series: [
        {},
        { label: 'latency', scale: 'ms', stroke: color('--accent', '#2563eb'), width: 1, spanGaps: false, points: { show: false } },
        { label: 'p50 objective', scale: 'ms', stroke: color('--ok', '#15803d'), dash: [6, 4], width: 1, points: { show: false } },
        { label: 'p99 objective', scale: 'ms', stroke: color('--warn', '#b45309'), dash: [6, 4], width: 1, points: { show: false } },
        { label: 'success', scale: 'up', stroke: color('--crit', '#b91c1c'), width: 1, paths: uPlot.paths.stepped?.({ align: 1 }), points: { show: false } },
      ],
      legend: { live: false },
    };
    plot.current = new uPlot(opts, [[], [], [], [], []], el);
    const observer = new ResizeObserver(() => plot.current?.setSize({ width: el.clientWidth, height: 220 }));
    observer.observe(el);
    return () => {
      observer.disconnect();
      plot.current?.destroy();
      plot.current = null;
    };
  }, []);

  useEffect(() => {
    const p50 = series.t.map(() => slo?.p50 ?? null);
    const p99 = series.t.map(() => slo?.p99 ?? null);
    plot.current?.setData([series.t, series.latencyMs, p50, p99, series.up]);
  }, [series, slo]);

  return <div ref={host} className="target-chart" data-testid="target-chart" data-points={series.t.length} />;
}
