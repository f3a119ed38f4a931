// The alert's recent values and states (kept by the core, up to 300 points) as one uPlot chart:
// the value as a line where the source reports one, and the state as a step line on its own axis.
import { useMemo } from 'react';
import uPlot from 'uplot';
import type { AlertDetail, AlertState } from '../../../preload/contract';
import { useUPlot, type ThemeColor } from '../components/use-uplot';

const stateLevel: Record<AlertState, number> = { resolved: 0, pending: 1, firing: 2 };
const stateNames = ['resolved', 'pending', 'firing'];

/** uPlot wants columns in seconds; a single point is stretched to "now" so it shows as a line. */
export function chartColumns(history: AlertDetail['history'], now: number): [number[], (number | null)[], number[]] {
  const points = history.length === 1 ? [history[0]!, { ...history[0]!, at: Math.max(now, history[0]!.at + 1000) }] : history;
  return [points.map((p) => p.at / 1000), points.map((p) => p.value), points.map((p) => stateLevel[p.state])];
}

const chart = {
  height: 160,
  fallbackWidth: 480,
  options: (color: ThemeColor) => ({
    scales: { x: { time: true }, v: { auto: true }, s: { range: [-0.1, 2.1] as uPlot.Range.MinMax } },
    axes: [
      { stroke: color('--muted', '#666') },
      { scale: 'v', label: 'value', stroke: color('--muted', '#666') },
      { scale: 's', side: 1, size: 72, stroke: color('--muted', '#666'), grid: { show: false }, splits: () => [0, 1, 2], values: (_u: uPlot, ticks: number[]) => ticks.map((t) => stateNames[t] ?? '') },
    ],
    series: [
      {},
      { label: 'value', scale: 'v', stroke: color('--accent', '#2563eb'), width: 1.5, points: { show: true, size: 4 } },
      { label: 'state', scale: 's', stroke: color('--crit', '#b91c1c'), width: 1, paths: uPlot.paths.stepped?.({ align: 1 }), points: { show: false } },
    ],
    legend: { live: false },
  }),
};

export function AlertHistoryChart({ history }: { history: AlertDetail['history'] }) {
  const data = useMemo(() => chartColumns(history, Date.now()), [history]);
  const host = useUPlot(chart, data);
  return <div ref={host} className="alert-chart" data-testid="alert-chart" data-points={history.length} />;
}
