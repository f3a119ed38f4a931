// Silences, local and from Alertmanagers: what they match, when they end, and which ones mute nothing.
// Expiring an Alertmanager silence expires it in Alertmanager (the core calls its API).
import { useEffect } from 'react';
import { formatMatcher, type SilenceView } from '../../../preload/contract';
import { EmptyState } from '../components/EmptyState';
import { DataTable } from '../components/DataTable';
import { dateTime } from '../incidents/logic/format';
import { useNow } from '../incidents/use-now';
import { alertActions, useAlerts } from './alerts-store';
import { relative } from './logic/time';

const order: Record<SilenceView['state'], number> = { active: 0, pending: 1, expired: 2 };

const columns = ['State', 'Matchers', 'Ends', 'Mutes', 'Comment', 'Where', ''];

/** One line above the alert list when a silence ends soon or mutes nothing: both usually mean a surprise. */
export function SilenceWarnings() {
  const silences = useAlerts((s) => s.silences);
  const soon = silences?.filter((s) => s.state === 'active' && s.expiresSoon) ?? [];
  const idle = silences?.filter((s) => s.state === 'active' && s.matching === 0) ?? [];
  if (!soon.length && !idle.length) return null;
  return (
    <div className="banner banner-warn" role="status" data-testid="silence-warnings">
      {soon.length > 0 && (
        <span>
          {soon.length} silence{soon.length === 1 ? '' : 's'} expiring within 10 minutes.{' '}
        </span>
      )}
      {idle.length > 0 && (
        <span>
          {idle.length} silence{idle.length === 1 ? '' : 's'} match{idle.length === 1 ? 'es' : ''} nothing.{' '}
        </span>
      )}
      <a href="#/alerts/silences">Review silences</a>
    </div>
  );
}

export function SilencesPanel() {
  const { silences, loadSilences, setForm, form } = useAlerts();
  const now = useNow(30_000);
  useEffect(() => {
    void loadSilences();
  }, [loadSilences]);

  if (silences === null) return <p className="muted">Loading silences…</p>;
  const sorted = [...silences].sort((a, b) => order[a.state] - order[b.state] || a.endsAt - b.endsAt);
  return (
    <div className="silences">
      <div className="button-row">
        <button type="button" onClick={() => setForm({ kind: 'silence', matchers: '' })}>
          New silence…
        </button>
      </div>
      {sorted.length === 0 && form?.kind !== 'silence' && (
        <EmptyState title="No silences">
          <p>A silence mutes the alerts its matchers select until it ends. Create one from an alert (press s) or from the filter bar.</p>
        </EmptyState>
      )}
      {sorted.length > 0 && (
        <DataTable className="silence-table" label="Silences" columns={columns}>
          {sorted.map((s) => (
            <tr key={`${s.origin}:${s.id}`} data-testid="silence-row" data-state={s.state} className={s.state === 'expired' ? 'muted' : ''}>
              <td>{s.state}</td>
              <td>
                <code>{s.matchers.map(formatMatcher).join(', ')}</code>
              </td>
              <td className={s.expiresSoon && s.state === 'active' ? 'warn' : ''} title={dateTime(s.endsAt)}>
                {relative(s.endsAt, now)}
                {s.expiresSoon && s.state === 'active' && <span className="tag warn">expiring soon</span>}
              </td>
              <td>{s.state === 'active' && s.matching === 0 ? <span className="tag warn">matches nothing</span> : s.matching}</td>
              <td>
                {s.comment} <span className="muted small">— {s.createdBy}</span>
              </td>
              <td>{s.origin}</td>
              <td>
                {s.state !== 'expired' && (
                  <button type="button" className="small danger" onClick={() => void alertActions.expire(s.id, s.origin)}>
                    Expire
                  </button>
                )}
              </td>
            </tr>
          ))}
        </DataTable>
      )}
    </div>
  );
}
