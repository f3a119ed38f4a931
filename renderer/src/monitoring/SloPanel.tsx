import type { SloObjective, SloReport } from '../../../preload/contract';
import { ms, percent } from './format';

const names: Record<SloObjective['kind'], string> = { availability: 'Availability', 'latency-p50': 'Latency p50', 'latency-p99': 'Latency p99', 'error-rate': 'Error rate' };

function value(o: SloObjective, which: 'objective' | 'actual'): string {
  const v = which === 'objective' ? o.objective : o.actual;
  if (o.kind === 'latency-p50' || o.kind === 'latency-p99') return `${which === 'objective' ? '< ' : ''}${ms(v)}`;
  return `${which === 'objective' ? (o.kind === 'availability' ? '≥ ' : '< ') : ''}${percent(v, o.kind === 'error-rate' ? 3 : 2)}`;
}

function origin(s: SloReport): string {
  const days = `${Math.round(s.windowMs / 86_400_000)} d`;
  return s.source === 'promql' ? `PromQL on ${s.prometheus ?? '?'} over ${days}` : `${s.checks ?? 0} checks in ${days}`;
}

/** Objectives per service over 30 days, the error budget left and how fast it burns. */
export function SloPanel({ slos }: { slos: SloReport[] }) {
  if (slos.length === 0) return null;
  return (
    <div className="panel slo-panel" data-testid="slo-panel">
      <h2>Service level objectives</h2>
      <p className="muted small">From probe history and from PromQL (slos: in config.yml). Burn-rate alerts: 14.4× over 1h/5m and 6× over 6h/30m page.</p>
      {slos.map((s) => (
        <div key={`${s.source}:${s.service}/${s.name}`} className="slo-service" data-testid={`slo-${s.source}-${s.service}`}>
          <h3>
            {s.service}
            {s.source === 'promql' && <> · {s.name}</>} <span className="muted small">{origin(s)}</span>
          </h3>
          {s.status !== 'ok' && (
            <p className="crit" role="status">
              {s.status === 'unavailable' ? 'Source unavailable' : 'Query failed'}: {s.statusReason} — nothing is known about this SLO until it answers.
            </p>
          )}
          <table>
            <tbody>
              {s.objectives.map((o) => (
                <tr key={o.kind}>
                  <td>{names[o.kind]}</td>
                  <td className="muted">{value(o, 'objective')}</td>
                  <td className={o.met === null ? 'muted' : o.met ? 'ok' : 'crit'}>{value(o, 'actual')}</td>
                </tr>
              ))}
              <tr>
                <td>Error budget left</td>
                <td />
                <td className={s.budgetRemaining === null ? 'muted' : s.budgetRemaining < 0 ? 'crit' : s.budgetRemaining < 0.25 ? 'warn' : 'ok'}>
                  {s.budgetRemaining === null ? '—' : `${(s.budgetRemaining * 100).toFixed(1)} %`}
                </td>
              </tr>
              <tr>
                <td>Burn rate</td>
                <td />
                <td className="small">{s.burnRates.filter((b) => b.rate !== null).map((b) => `${b.window} ${(b.rate ?? 0).toFixed(1)}×`).join(' · ') || '—'}</td>
              </tr>
            </tbody>
          </table>
          {s.alerts.map((a) => (
            <p key={`${a.long}/${a.short}`} className={a.severity === 'critical' ? 'crit' : 'warn'} role="alert">
              Burning the error budget ≥ {a.factor}× over {a.long} and {a.short}
            </p>
          ))}
        </div>
      ))}
    </div>
  );
}
