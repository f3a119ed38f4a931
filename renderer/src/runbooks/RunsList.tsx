// Runs as a table: unfinished ones can be picked up again at the step where they stopped, even
// after the app was restarted (the core keeps every run in the journal).
import { useEffect } from 'react';
import type { RunSummary } from '../../../preload/contract';
import { EmptyState } from '../components/EmptyState';
import { DataTable } from '../components/DataTable';
import { dateTime } from '../incidents/logic/format';
import { navigate } from '../router';
import { useRunbooks } from './runbooks-store';

const columns = ['Run', 'Status', 'Progress', 'Started', 'Incident'];

export function RunsList({ runs }: { runs: RunSummary[] }) {
  return (
    <DataTable className="targets rb-runs" label="Runs" columns={columns}>
      {runs.map((r) => (
        <tr key={r.id} onClick={() => navigate('runbooks', 'run', r.id)} data-testid="run-row">
          <td>
            <a href={`#/runbooks/run/${encodeURIComponent(r.id)}`} onClick={(e) => e.stopPropagation()}>
              {r.title}
            </a>{' '}
            <span className="muted small">{r.id}</span>
            {r.trigger === 'auto' && <span className="tag">automated</span>}
          </td>
          <td className={`rb-run-${r.status}`}>{r.status}</td>
          <td>
            {Math.min(r.current + 1, r.stepCount)} / {r.stepCount}
          </td>
          <td className="small">{dateTime(r.startedAt)}</td>
          <td className="small">
            {r.incidentId ? (
              <a href={`#/incidents/${encodeURIComponent(r.incidentId)}`} onClick={(e) => e.stopPropagation()}>
                {r.incidentId}
              </a>
            ) : (
              '–'
            )}
          </td>
        </tr>
      ))}
    </DataTable>
  );
}

/** `#/runbooks/runs`: every run, newest first. */
export function AllRuns() {
  const { runs, loadRuns } = useRunbooks();
  useEffect(() => void loadRuns(), [loadRuns]);
  if (!runs) return <p className="muted">Loading runs…</p>;
  if (runs.length === 0) {
    return (
      <EmptyState title="No runs yet">
        <p>Start a runbook from the library or from an alert; every run is kept here with its steps on the incident timeline.</p>
      </EmptyState>
    );
  }
  return <RunsList runs={runs} />;
}
