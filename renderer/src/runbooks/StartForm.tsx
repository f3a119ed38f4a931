// `#/runbooks/<id>?param=value…`: the start form. Params are checked while typing, the incident is
// chosen or a new one is opened, and a dry run shows every command rendered without running any.
import { useEffect, useMemo, useRef, useState, type FormEvent } from 'react';
import type { IncidentSummary, RunbookParamView, RunbookPreview } from '../../../preload/contract';
import { call } from '../api/client';
import { EmptyState } from '../components/EmptyState';
import { navigate } from '../router';
import { DryRunView } from './DryRunView';
import { formErrors, initialValues, paramsToSend } from './logic/params';
import { prefillFromQuery, type Prefill } from './logic/route';
import { FormError, FormActions } from '../components/FormParts';

export function StartForm({ id, query }: { id: string; query: Record<string, string> }) {
  // The first preview resolves the reference (an id, a file name, a runbook_url) to a runbook.
  const [base, setBase] = useState<RunbookPreview | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  useEffect(() => {
    setBase(null);
    setLoadError(null);
    call('runbooks:preview', { id, params: {} })
      .then(setBase)
      .catch((err: Error) => setLoadError(err.message));
  }, [id]);

  const prefill = useMemo(() => (base ? prefillFromQuery(base.runbook, query) : null), [base, query]);
  if (loadError) {
    return (
      <EmptyState title={`Cannot start ${id}`}>
        <p className="form-error">{loadError}</p>
        <p>
          <a href="#/runbooks">Back to the library</a>
        </p>
      </EmptyState>
    );
  }
  if (!base || !prefill) return <p className="muted">Loading {id}…</p>;
  return <Form key={base.runbook.id} base={base} prefill={prefill} />;
}

function Form({ base, prefill }: { base: RunbookPreview; prefill: Prefill }) {
  const runbook = base.runbook;
  const [values, setValues] = useState(() => initialValues(runbook.params, prefill.params));
  const [host, setHost] = useState(prefill.host ?? '');
  const [incidentId, setIncidentId] = useState(prefill.incidentId ?? '');
  const [incidents, setIncidents] = useState<IncidentSummary[]>([]);
  const [dryRun, setDryRun] = useState(false);
  const [preview, setPreview] = useState<RunbookPreview>(base);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const seq = useRef(0);

  useEffect(() => {
    call('incidents:list', { open: true, sort: 'startedAt', order: 'desc', offset: 0, limit: 100 })
      .then(({ items }) => setIncidents(items))
      .catch(() => setIncidents([]));
  }, []);

  const inline = formErrors(runbook.params, values);
  const sendParams = paramsToSend(values);
  const paramsKey = JSON.stringify(sendParams);
  // The alert's labels fill `{{labels.x}}` in the dry run as they will in the run.
  const labelsKey = JSON.stringify(prefill.labels);

  // The core renders the authoritative preview; ask again shortly after the engineer stops typing.
  useEffect(() => {
    const mine = ++seq.current;
    const labels = JSON.parse(labelsKey) as Record<string, string>;
    const timer = setTimeout(() => {
      call('runbooks:preview', {
        id: runbook.id,
        params: JSON.parse(paramsKey) as Record<string, string>,
        ...(Object.keys(labels).length ? { labels } : {}),
        ...(host ? { host } : {}),
      })
        .then((p) => mine === seq.current && setPreview(p))
        .catch((err: Error) => mine === seq.current && setError(err.message));
    }, 200);
    return () => clearTimeout(timer);
  }, [runbook.id, paramsKey, labelsKey, host]);

  // Once typed, the host fills those steps; keep the field so it can be changed.
  const needsHost = host !== '' || preview.steps.some((s) => s.kind === 'ssh' && s.host === null);
  const blocked = Object.keys(inline).length > 0;

  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (dryRun || blocked) return;
    setBusy(true);
    setError(null);
    call('runbooks:start', {
      id: runbook.id,
      params: sendParams,
      ...(host ? { host } : {}),
      ...(incidentId ? { incidentId } : {}),
      ...(Object.keys(prefill.labels).length ? { labels: prefill.labels } : {}),
    })
      .then((run) => navigate('runbooks', 'run', run.id))
      .catch((err: Error) => setError(err.message))
      .finally(() => setBusy(false));
  };

  return (
    <form className="panel rb-start" aria-labelledby="rb-start-title" onSubmit={submit}>
      <p className="crumbs">
        <a href="#/runbooks">Runbooks</a> / {runbook.id}
      </p>
      <h2 id="rb-start-title">
        {runbook.title} {runbook.severity && <span className={`sev-badge sev-bg-${runbook.severity}`}>{runbook.severity}</span>}
        {runbook.rollback && <span className="tag warn">rollback</span>}
      </h2>
      <p className="muted small">
        {runbook.stepCount} steps · <code>{runbook.file}</code>
      </p>
      {Object.keys(prefill.labels).length > 0 && (
        <p className="small" data-testid="start-labels">
          Alert labels:{' '}
          {Object.entries(prefill.labels).map(([k, v]) => (
            <span key={k} className="tag">
              {k}={v}
            </span>
          ))}
        </p>
      )}
      {runbook.params.length > 0 && (
        <fieldset className="rb-params">
          <legend>Parameters</legend>
          {runbook.params.map((p) => (
            <ParamField key={p.name} param={p} value={values[p.name] ?? ''} error={inline[p.name] ?? null} onChange={(v) => setValues((s) => ({ ...s, [p.name]: v }))} />
          ))}
        </fieldset>
      )}
      {needsHost && (
        <label className="field">
          Host for steps that do not name one
          <input list="rb-hosts" value={host} placeholder={runbook.hosts[0] ?? 'a host from config.yml or ~/.ssh/config'} onChange={(e) => setHost(e.target.value.trim())} />
          <datalist id="rb-hosts">
            {runbook.hosts.map((h) => (
              <option key={h} value={h} />
            ))}
          </datalist>
        </label>
      )}
      <label className="field">
        Incident
        <select value={incidentId} onChange={(e) => setIncidentId(e.target.value)}>
          <option value="">Open a new incident for this run</option>
          {incidentId && !incidents.some((i) => i.id === incidentId) && <option value={incidentId}>{incidentId}</option>}
          {incidents.map((i) => (
            <option key={i.id} value={i.id}>
              {i.id} · {i.severity} · {i.title}
            </option>
          ))}
        </select>
      </label>
      <label className="check">
        <input type="checkbox" checked={dryRun} onChange={(e) => setDryRun(e.target.checked)} /> Dry run: show every command rendered, run nothing
      </label>
      {preview.paramErrors.length > 0 && !blocked && (
        <ul className="form-error" aria-label="Parameter problems">
          {preview.paramErrors.map((m) => (
            <li key={m}>{m}</li>
          ))}
        </ul>
      )}
      <FormError error={error} />
      {!dryRun && <FormActions submit="Start run" disabled={busy || blocked} onCancel={() => navigate('runbooks')} />}
      {dryRun && <DryRunView preview={preview} />}
    </form>
  );
}

function ParamField({ param: p, value, error, onChange }: { param: RunbookParamView; value: string; error: string | null; onChange: (v: string) => void }) {
  const hintId = `rb-param-hint-${p.name}`;
  const hint = [p.description, p.pattern ? `pattern ${p.pattern}` : null, p.secret ? 'secret: never stored, shown as ***' : null, !p.required || p.default !== undefined ? null : 'required']
    .filter(Boolean)
    .join(' · ');
  const common = { 'aria-invalid': error !== null, 'aria-describedby': hintId };
  return (
    <label className="field wide rb-param">
      <span>
        <code>{p.name}</code> <span className="muted small">{p.type}</span>
      </span>
      {p.type === 'enum' && p.values ? (
        <select value={value} onChange={(e) => onChange(e.target.value)} {...common}>
          {!p.required && <option value="">(default)</option>}
          {p.values.map((v) => (
            <option key={v} value={v}>
              {v}
            </option>
          ))}
        </select>
      ) : (
        <input
          type={p.secret ? 'password' : 'text'}
          autoComplete="off"
          value={value}
          placeholder={p.secret && p.default !== undefined ? 'keep the default' : undefined}
          onChange={(e) => onChange(e.target.value)}
          {...common}
        />
      )}
      <span id={hintId} className={error ? 'form-error small' : 'muted small'}>
        {error ? `${p.name}: ${error}` : hint}
      </span>
    </label>
  );
}
