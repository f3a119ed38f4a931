// "Open incident" from an alert (title and severity prefilled, editable) or "attach" it to an incident that
// is already open. Either way the core links the alert, so its later transitions land on that timeline.
import { useEffect, useState, type FormEvent } from 'react';
import type { AlertView, IncidentSeverity, IncidentSummary } from '../../../preload/contract';
import { call } from '../api/client';
import { navigate } from '../router';
import { alertActions, useAlerts } from './alerts-store';
import { FormActions } from '../components/FormParts';
import { SeverityOptions } from '../components/IncidentOptions';

function defaultTitle(a: AlertView): string {
  const name = a.labels.alertname ?? 'alert';
  return a.annotations.summary ? `${name}: ${a.annotations.summary}` : `${name}${a.labels.service ? ` (${a.labels.service})` : ''}`;
}

export function AlertIncidentForm({ alert }: { alert: AlertView }) {
  const setForm = useAlerts((s) => s.setForm);
  const [mode, setMode] = useState<'new' | 'attach'>('new');
  const [title, setTitle] = useState(() => defaultTitle(alert));
  const [severity, setSeverity] = useState<IncidentSeverity>(alert.priority);
  const [open, setOpen] = useState<IncidentSummary[] | null>(null);
  const [target, setTarget] = useState('');
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    call('incidents:list', { open: true, sort: 'startedAt', order: 'desc', offset: 0, limit: 50 })
      .then(({ items }) => {
        setOpen(items.filter((i) => !alert.incidents.includes(i.id)));
        setTarget(items.find((i) => !alert.incidents.includes(i.id))?.id ?? '');
      })
      .catch(() => setOpen([]));
  }, [alert.incidents]);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    const input = mode === 'new' ? { fingerprints: [alert.fingerprint], title: title.trim() || defaultTitle(alert), severity } : { fingerprints: [alert.fingerprint], incidentId: target };
    void alertActions.openIncident(input).then((result) => {
      setBusy(false);
      if (!result) return;
      setForm(null);
      if (mode === 'new') navigate('incidents', result.incidentId);
    });
  };

  return (
    <form className="panel alert-form" aria-label="Incident from alert" onSubmit={submit} onKeyDown={(e) => e.key === 'Escape' && setForm(null)}>
      <div className="chip-group" role="radiogroup" aria-label="New or existing incident">
        <button type="button" role="radio" aria-checked={mode === 'new'} className={`chip${mode === 'new' ? ' on' : ''}`} onClick={() => setMode('new')}>
          Open a new incident
        </button>
        <button type="button" role="radio" aria-checked={mode === 'attach'} className={`chip${mode === 'attach' ? ' on' : ''}`} onClick={() => setMode('attach')} disabled={open?.length === 0}>
          Attach to an open one{open?.length === 0 ? ' (none open)' : ''}
        </button>
      </div>
      {mode === 'new' ? (
        <>
          <label className="field wide">
            Incident title
            <input value={title} onChange={(e) => setTitle(e.target.value)} autoFocus />
          </label>
          <label className="inline-field">
            Severity
            <select value={severity} onChange={(e) => setSeverity(e.target.value as IncidentSeverity)}>
              <SeverityOptions />
            </select>
          </label>
        </>
      ) : (
        <label className="field wide">
          Incident
          <select value={target} onChange={(e) => setTarget(e.target.value)}>
            {(open ?? []).map((i) => (
              <option key={i.id} value={i.id}>
                {i.severity} {i.title} ({i.id})
              </option>
            ))}
          </select>
        </label>
      )}
      <FormActions submit={mode === 'new' ? 'Open incident' : 'Attach alert'} disabled={busy || (mode === 'attach' && !target)} onCancel={() => setForm(null)} />
    </form>
  );
}

const snoozeChoices: { label: string; ms: number }[] = [
  { label: '15 min', ms: 15 * 60_000 },
  { label: '1 h', ms: 3_600_000 },
  { label: '4 h', ms: 4 * 3_600_000 },
  { label: '1 day', ms: 86_400_000 },
];

/** Snooze: the alert stays listed but stops notifying and leaves the tray count until the time is up. */
export function SnoozeChoices({ alert }: { alert: AlertView }) {
  const setForm = useAlerts((s) => s.setForm);
  return (
    <div className="panel alert-form" role="group" aria-label="Snooze for">
      <span className="muted">Snooze for </span>
      {snoozeChoices.map((c) => (
        <button key={c.ms} type="button" onClick={() => void alertActions.snooze([alert.fingerprint], c.ms).then(() => setForm(null))}>
          {c.label}
        </button>
      ))}
      <button type="button" className="link-button" onClick={() => setForm(null)}>
        Cancel
      </button>
    </div>
  );
}
