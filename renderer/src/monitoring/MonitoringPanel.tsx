import { useEffect } from 'react';
import { EmptyState } from '../components/EmptyState';
import { SloPanel } from './SloPanel';
import { TargetChart } from './TargetChart';
import { TargetList } from './TargetList';
import { subscribeMonitoring, useMonitoringStore } from './monitoring-store';

/** Health targets, the selected target's history with SLO lines, and SLOs: the Dashboard's monitoring half. */
export function MonitoringPanel({ home, showEmpty }: { home: string | null; showEmpty: boolean }) {
  const { snapshot, slos, selected, series, load, select } = useMonitoringStore();
  useEffect(() => {
    subscribeMonitoring();
    void load();
  }, [load]);

  if (!snapshot) return null;
  const slo = slos.find((s) => s.targets.includes(selected ?? ''));
  const lines = slo ? { p50: slo.objectives.find((o) => o.kind === 'latency-p50')?.objective ?? 0, p99: slo.objectives.find((o) => o.kind === 'latency-p99')?.objective ?? 0 } : null;
  return (
    <>
      {snapshot.degraded && (
        <div className="degraded-banner" role="alert" data-testid="degraded-banner">
          <strong>monitoring degraded: {snapshot.degraded.reason}</strong> — targets show as unknown until checks succeed again; nothing is reported down meanwhile.
        </div>
      )}
      {snapshot.power.stretched && <BatteryBanner factor={snapshot.power.intervalFactor} stretched={snapshot.targets.find((t) => t.effectiveIntervalMs !== t.intervalMs)?.effectiveIntervalMs ?? null} />}
      {snapshot.paused && (
        <div className="paused-banner" role="status">
          Monitoring is paused: no target is being checked. Targets turn stale after two intervals.
        </div>
      )}
      {snapshot.targets.length === 0 && showEmpty && (
        <EmptyState title="No health endpoints are watched">
          <p>
            Add targets under <code>targets:</code> in <code>{home ?? '…'}/config.yml</code>, e.g. a <code>/health/ready</code> URL with an interval and
            conditions such as <code>[BODY].checks.database == true</code>. The app reloads the file when you save it.
          </p>
        </EmptyState>
      )}
      {snapshot.targets.length > 0 && (
        <div className="panel" data-testid="targets-panel">
          <h2>Health targets</h2>
          <TargetList targets={snapshot.targets} selected={selected} onSelect={select} />
        </div>
      )}
      {selected && series && (
        <div className="panel">
          <h2>
            {selected} <span className="muted small">latency and success, last 24 h ({series.resolution}, {series.t.length} points)</span>
          </h2>
          {series.t.length === 0 ? <p className="muted">No checks recorded yet; the first one arrives within one interval.</p> : <TargetChart series={series} slo={lines} />}
        </div>
      )}
      <SloPanel slos={slos} />
    </>
  );
}

/** On battery the scheduler checks targets not marked `critical` less often; say so, with an example interval. */
function BatteryBanner({ factor, stretched }: { factor: number; stretched: number | null }) {
  return (
    <div className="paused-banner" role="status" data-testid="battery-banner">
      On battery: non-critical checks every {factor}×{stretched !== null ? ` (${stretched / 1000} s)` : ''}. Targets marked <code>critical: true</code> keep their interval.
    </div>
  );
}
