// `#/incidents/<id>[/<entryId>]`: header, start checklist, timeline with the composer, and the
// postmortem side (action items, postmortem fields, exports). Refetched on every `incidents:changed`.
import { useEffect, useMemo, useRef, useState } from 'react';
import type { TimelineEntry } from '../../../preload/contract';
import { EmptyState } from '../components/EmptyState';
import { useAppStore } from '../state/app-store';
import { ActionItems } from './ActionItems';
import { Composer, PiiWarnings } from './Composer';
import { useIncidentDetail } from './detail-store';
import { ExportPanel } from './ExportPanel';
import { IncidentHeader } from './IncidentHeader';
import { PostmortemForm } from './PostmortemForm';
import { Reminders } from './Reminders';
import { StartChecklist } from './StartChecklist';
import { Timeline } from './Timeline';

export function IncidentDetailView({ id, focusEntry }: { id: string; focusEntry: string | null }) {
  const { detail, older, error, warnings, reminders, load, reload, loadOlder, setWarnings } = useIncidentDetail();
  const setAppError = useAppStore((s) => s.setError);
  const [correcting, setCorrecting] = useState<TimelineEntry | null>(null);
  const composer = useRef<HTMLInputElement>(null);

  useEffect(() => {
    void load(id);
    setCorrecting(null);
  }, [id, load]);

  useEffect(() => {
    if (detail?.incident.id === id && !focusEntry) composer.current?.focus();
  }, [detail?.incident.id, id, focusEntry]);

  const entries = useMemo(() => (detail ? [...older, ...detail.timeline] : []), [older, detail]);
  const mine = reminders.filter((r) => r.incidentId === id && r.kind !== 'update_due');
  const onChanged = () => void reload();

  if (error && !detail) {
    return (
      <EmptyState title="Cannot show this incident">
        <p>{error}</p>
        <p>
          <a href="#/incidents">Back to the incident list</a>
        </p>
      </EmptyState>
    );
  }
  if (!detail || detail.incident.id !== id) return <p className="muted">Loading {id}…</p>;
  const { incident } = detail;

  return (
    <div className="inc-detail" aria-labelledby="incident-title">
      <p className="crumbs">
        <a href="#/incidents">← Incidents</a>
      </p>
      <IncidentHeader incident={incident} onError={setAppError} onChanged={onChanged} />
      {warnings.length > 0 && (
        <div className="warning-row">
          <PiiWarnings warnings={warnings} />
          <button type="button" className="small" onClick={() => setWarnings([])} aria-label="Dismiss warning">
            ×
          </button>
        </div>
      )}
      <div className="inc-columns">
        <div className="inc-main">
          <StartChecklist incident={incident} items={detail.checklist} onChanged={onChanged} onError={setAppError} />
          <Timeline
            entries={entries}
            total={detail.timelineTotal}
            focusId={focusEntry}
            onLoadOlder={() => void loadOlder().catch((err: Error) => setAppError(err.message))}
            onCorrect={(entry) => {
              setCorrecting(entry);
              composer.current?.focus();
            }}
          />
          <Composer
            ref={composer}
            incidentId={incident.id}
            correcting={correcting}
            onCancelCorrection={() => setCorrecting(null)}
            onWritten={(w) => {
              setWarnings(w);
              setCorrecting(null);
              void reload();
            }}
          />
        </div>
        <aside className="inc-side">
          <Reminders reminders={mine} showIncident={false} />
          <ActionItems incidentId={incident.id} items={detail.actions} onChanged={onChanged} onError={setAppError} />
          <PostmortemForm postmortem={detail.postmortem} onSaved={onChanged} onError={setAppError} />
          <ExportPanel incidentId={incident.id} />
        </aside>
      </div>
    </div>
  );
}
