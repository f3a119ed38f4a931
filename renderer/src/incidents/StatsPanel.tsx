// Counts by severity/category/status, MTTA and MTTR over a chosen period, and a per-day chart (plain SVG:
// a few dozen bars do not need a charting library).
import { useEffect, useState } from 'react';
import { categoryLabels, incidentCategories, incidentStatuses, severities, type IncidentStats } from '../../../preload/contract';
import { call } from '../api/client';
import { humanDuration } from './logic/format';
import { FormError } from '../components/FormParts';

const periods = [7, 30, 90, 365] as const;

function DayChart({ perDay }: { perDay: IncidentStats['perDay'] }) {
  if (perDay.length === 0) return null;
  const width = 640;
  const height = 140;
  const max = Math.max(1, ...perDay.map((d) => Math.max(d.opened, d.resolved)));
  const slot = width / perDay.length;
  const bar = Math.max(1, slot / 2 - 1);
  const y = (v: number) => height - (v / max) * (height - 16);
  return (
    <figure className="stats-chart">
      <svg viewBox={`0 0 ${width} ${height + 18}`} role="img" aria-label={`Incidents opened and resolved per day, at most ${max} a day`}>
        <line x1={0} x2={width} y1={height} y2={height} className="axis" />
        {perDay.map((d, i) => (
          <g key={d.day}>
            <title>{`${d.day}: ${d.opened} opened, ${d.resolved} resolved`}</title>
            <rect className="bar-opened" x={i * slot} y={y(d.opened)} width={bar} height={height - y(d.opened)} />
            <rect className="bar-resolved" x={i * slot + bar + 1} y={y(d.resolved)} width={bar} height={height - y(d.resolved)} />
          </g>
        ))}
        <text x={0} y={height + 14} className="axis-label">
          {perDay[0]!.day}
        </text>
        <text x={width} y={height + 14} textAnchor="end" className="axis-label">
          {perDay[perDay.length - 1]!.day}
        </text>
        <text x={2} y={10} className="axis-label">
          {max}
        </text>
      </svg>
      <figcaption>
        <span className="legend opened">opened</span> <span className="legend resolved">resolved</span> per UTC day
      </figcaption>
    </figure>
  );
}

function Counts<K extends string>({ title, keys, counts, label }: { title: string; keys: readonly K[]; counts: Record<K, number>; label?: (k: K) => string }) {
  return (
    <table className="summary counts">
      <caption>{title}</caption>
      <tbody>
        {keys.map((k) => (
          <tr key={k}>
            <th scope="row">{label ? label(k) : k}</th>
            <td>{counts[k] ?? 0}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function StatsPanel() {
  const [days, setDays] = useState<number>(30);
  const [stats, setStats] = useState<IncidentStats | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    const to = Date.now();
    call('incidents:stats', { from: to - days * 86_400_000, to })
      .then((s) => {
        setStats(s);
        setError(null);
      })
      .catch((err: Error) => setError(err.message));
  }, [days]);
  return (
    <section className="inc-stats" aria-label="Incident statistics">
      <div className="chip-group" role="group" aria-label="Period">
        {periods.map((p) => (
          <button key={p} type="button" className={`chip${days === p ? ' on' : ''}`} aria-pressed={days === p} onClick={() => setDays(p)}>
            {p} days
          </button>
        ))}
      </div>
      <FormError error={error} />
      {stats && (
        <>
          <div className="kpis">
            <div className="kpi">
              <span className="muted">Incidents</span>
              <strong data-testid="stats-total">{stats.total}</strong>
            </div>
            <div className="kpi">
              <span className="muted">MTTA</span>
              <strong>{humanDuration(stats.mttaMs)}</strong>
            </div>
            <div className="kpi">
              <span className="muted">MTTR</span>
              <strong>{humanDuration(stats.mttrMs)}</strong>
            </div>
          </div>
          <DayChart perDay={stats.perDay} />
          <div className="counts-row">
            <Counts title="By severity" keys={severities} counts={stats.bySeverity} />
            <Counts title="By status" keys={incidentStatuses} counts={stats.byStatus} />
            <Counts title="By category" keys={incidentCategories} counts={stats.byCategory} label={(c) => categoryLabels[c]} />
          </div>
        </>
      )}
    </section>
  );
}
