import { useMemo } from 'react';
import uPlot from 'uplot';
import type { HistorySeries } from '../../../preload/contract';
import { useUPlot, type ThemeColor } from '../components/use-uplot';

export interface SloLines {
  p50: number;
  p99: number;
}

const chart = {
  height: 220,
  fallbackWidth: 800,
  options: (color: ThemeColor) => ({
    scales: { x: { time: true }, ms: { auto: true }, up: { range: [0, 1.05] as uPlot.Range.MinMax } },
    axes: [
      { stroke: color('--muted', '#666') },
      { scale: 'ms', label: 'latency (ms)', stroke: color('--muted', '#666') },
      { scale: 'up', side: 1, label: 'success', stroke: color('--muted', '#666'), grid: { show: false }, values: (_u: uPlot, ticks: number[]) => ticks.map((t) => `${Math.round(t * 100)}%`) },
    ],
    series: [
      {},
      { label: 'latency', scale: 'ms', stroke: color('--accent', '#2563eb'), width: 1, spanGaps: false, points: { show: false } },
      { label: 'p50 objective', scale: 'ms', stroke: color('--ok', '#15803d'), dash: [6, 4], width: 1, points: { show: false } },
      { label: 'p99 objective', scale: 'ms', stroke: color('--warn', '#b45309'), dash: [6, 4], width: 1, points: { show: false } },
      { label: 'success', scale: 'up', stroke: color('--crit', '#b91c1c'), width: 1, paths: uPlot.paths.stepped?.({ align: 1 }), points: { show: false } },
    ],
    legend: { live: false },
  }),
};

/**
 * Latency and success per check with the latency objectives drawn across (see use-uplot for why the
 * plot is created once and only its data replaced).
 */
export function TargetChart({ series, slo }: { series: HistorySeries; slo: SloLines | null }) {
  const data = useMemo<uPlot.AlignedData>(() => {
    const p50 = series.t.map(() => slo?.p50 ?? null);
    const p99 = series.t.map(() => slo?.p99 ?? null);
    return [series.t, series.latencyMs, p50, p99, series.up];
  }, [series, slo]);
  const host = useUPlot(chart, data);
  return <div ref={host} className="target-chart" data-testid="target-chart" data-points={series.t.length} />;
}
