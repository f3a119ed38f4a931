import type { TargetStatus } from '../../../preload/contract';
import { ago, certClass, certText, healthLabel, ms } from './format';
import { DataTable } from '../components/DataTable';

const columns = ['State', 'Target', 'Latency', 'Last check', 'Failing checks / reason', 'TLS expiry'];

/** One row per target: state first, because that is what the on-call engineer scans for. */
export function TargetList({ targets, selected, onSelect }: { targets: TargetStatus[]; selected: string | null; onSelect: (name: string) => void }) {
  return (
    <DataTable className="targets" testId="target-list" columns={columns}>
      {targets.map((t) => (
        <tr
          key={t.name}
          data-testid={`target-${t.name}`}
          data-health={t.health}
          className={t.name === selected ? 'selected' : undefined}
          onClick={() => onSelect(t.name)}
          aria-selected={t.name === selected}
        >
          <td>
            <span className={`health health-${t.health}`} title={t.unknownReason ?? undefined}>
              {healthLabel[t.health]}
            </span>
          </td>
          <td>
            <button type="button" className="link" onClick={() => onSelect(t.name)}>
              {t.name}
            </button>
            {t.runtime && <span className="tag">demo</span>}
            {t.effectiveIntervalMs !== t.intervalMs && (
              <span className="tag" data-testid={`stretched-${t.name}`} title={`every ${t.intervalMs / 1000} s on mains power`}>
                on battery: every {t.effectiveIntervalMs / 1000} s
              </span>
            )}
            <div className="muted small">{t.url}</div>
          </td>
          <td className={t.slow ? t.slow === 'critical' ? 'crit' : 'warn' : undefined}>{ms(t.latencyMs)}</td>
          <td title={t.lastCheckAt ? new Date(t.lastCheckAt).toISOString() : undefined}>{ago(t.lastCheckAt)}</td>
          <td className="failing" data-testid={`failing-${t.name}`}>
            {t.failingChecks.length > 0 ? t.failingChecks.join(', ') : t.health === 'unknown' ? (t.unknownReason ?? '') : t.health === 'down' ? (t.reason ?? '') : ''}
          </td>
          <td className={certClass(t.certExpiresAt)}>{certText(t.certExpiresAt)}</td>
        </tr>
      ))}
    </DataTable>
  );
}
