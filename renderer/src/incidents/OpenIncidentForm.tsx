// "Open incident": title, severity, category. Keyboard-first: the title has focus, 1-4 pick the
// severity from anywhere in the form, Enter opens, Escape goes back.
import { useEffect, useRef, useState, type FormEvent, type KeyboardEvent } from 'react';
import { severities, type IncidentCategory, type IncidentSeverity } from '../../../preload/contract';
import { call } from '../api/client';
import { navigate } from '../router';
import { useIncidentDetail } from './detail-store';
import { FormError, FormActions } from '../components/FormParts';
import { CategoryOptions } from '../components/IncidentOptions';

const severityHelp: Record<IncidentSeverity, string> = {
  P1: 'critical outage or data leak',
  P2: 'major degradation',
  P3: 'partial, workaround exists',
  P4: 'cosmetic / low',
};

export function OpenIncidentForm() {
  const [title, setTitle] = useState('');
  const [severity, setSeverity] = useState<IncidentSeverity>('P2');
  const [category, setCategory] = useState<IncidentCategory>('general');
  const [customerImpact, setCustomerImpact] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const titleRef = useRef<HTMLInputElement>(null);

  useEffect(() => titleRef.current?.focus(), []);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!title.trim()) {
      setError('Give the incident a title: what is broken, in a few words.');
      titleRef.current?.focus();
      return;
    }
    setBusy(true);
    call('incidents:open', { title: title.trim(), severity, category, customerImpact })
      .then(({ incident, warnings }) => {
        useIncidentDetail.getState().setWarnings(warnings);
        navigate('incidents', incident.id);
      })
      .catch((err: Error) => setError(err.message))
      .finally(() => setBusy(false));
  };

  const onKeyDown = (e: KeyboardEvent<HTMLFormElement>) => {
    if (e.key === 'Escape') {
      e.preventDefault();
      navigate('incidents');
    } else if (e.altKey && /^[1-4]$/.test(e.key)) {
      // Alt+1..4 picks a severity even while typing the title (plain digits belong to the title).
      e.preventDefault();
      e.stopPropagation();
      setSeverity(`P${e.key}` as IncidentSeverity);
    }
  };

  return (
    <form className="panel inc-open-form" aria-labelledby="open-incident-title" onSubmit={submit} onKeyDownCapture={onKeyDown}>
      <h2 id="open-incident-title">Open an incident</h2>
      <label className="field wide">
        Title
        <input ref={titleRef} value={title} maxLength={300} placeholder="e.g. API 5xx storm after deploy" onChange={(e) => setTitle(e.target.value)} />
      </label>
      <fieldset className="sev-pick">
        <legend>
          Severity <span className="muted">(Alt+1…4)</span>
        </legend>
        {severities.map((s) => (
          <label key={s} className={`sev-option${severity === s ? ' on' : ''}`}>
            <input type="radio" name="severity" value={s} checked={severity === s} onChange={() => setSeverity(s)} />
            <span className={`sev-badge sev-bg-${s}`}>{s}</span> <span className="muted">{severityHelp[s]}</span>
          </label>
        ))}
      </fieldset>
      <label className="field">
        Category
        <select value={category} onChange={(e) => setCategory(e.target.value as IncidentCategory)}>
          <CategoryOptions />
        </select>
      </label>
      <label className="check">
        <input type="checkbox" checked={customerImpact} onChange={(e) => setCustomerImpact(e.target.checked)} /> Customers are affected
      </label>
      <FormError error={error} />
      <FormActions submit={<>Open incident <kbd>Enter</kbd></>} cancel={<>Cancel <kbd>Esc</kbd></>} disabled={busy} onCancel={() => navigate('incidents')} />
      {(severity === 'P1' || severity === 'P2') && <p className="muted">A {severity} starts with the 15-minute checklist: IC named, severity set, channel open, containment active, scribe logging.</p>}
    </form>
  );
}
