// `#/runbooks/run/<RUN-id>`: a guided run as a checklist. The core owns the state (every step is
// journaled as it happens); this view shows it, streams output, and sends the engineer's actions.
import { useEffect, useState } from 'react';
import type { Input, RunView } from '../../../preload/contract';
import { EmptyState } from '../components/EmptyState';
import { clock } from '../incidents/logic/format';
import { useNow } from '../incidents/use-now';
import { navigate } from '../router';
import { elapsedMs, isOpen, needsHostChoice, progressLabel, settledCount } from './logic/run-state';
import { useRunbooks } from './runbooks-store';
import { StepItem } from './StepItem';
import { FormError } from '../components/FormParts';

export function RunPanel({ runId }: { runId: string }) {
  const { run, runError, live, openRun, act } = useRunbooks();
  const [secrets, setSecrets] = useState<Record<string, string>>({});
  const [aborting, setAborting] = useState(false);
  const [abortReason, setAbortReason] = useState('');
  const [error, setError] = useState<string | null>(null);
  const now = useNow(1000);

  useEffect(() => void openRun(runId), [runId, openRun]);

  if (runError && run?.id !== runId) {
    return (
      <EmptyState title="Cannot show this run">
        <p className="form-error">{runError}</p>
        <p>
          <a href="#/runbooks">Back to the library</a>
        </p>
      </EmptyState>
    );
  }
  if (!run || run.id !== runId) return <p className="muted">Loading {runId}…</p>;

  const open = isOpen(run);
  const anyRunning = run.steps.some((s) => s.status === 'running');
  const filledSecrets = Object.fromEntries(Object.entries(secrets).filter(([, v]) => v !== ''));
  // Re-entered secrets ride along with every action: the core keeps them in memory only.
  const actWith = (input: Omit<Input<'runbooks:act'>, 'runId'>) => act({ runId: run.id, ...input, ...(Object.keys(filledSecrets).length ? { params: filledSecrets } : {}) });
  const runAction = (input: Omit<Input<'runbooks:act'>, 'runId'>) => {
    setError(null);
    void actWith(input).then(setError);
  };
  const total = run.steps.length;

  return (
    <section className="rb-run" aria-labelledby="rb-run-title">
      <p className="crumbs">
        <a href="#/runbooks">Runbooks</a> / <a href="#/runbooks/runs">Runs</a> / {run.id}
      </p>
      <div className="rb-run-head">
        <h2 id="rb-run-title">{run.title}</h2>
        <span className={`rb-run-status rb-run-${run.status}`} data-testid="run-status">
          {run.status}
        </span>
        {run.trigger === 'auto' && <span className="tag">automated diagnostics</span>}
      </div>
      <div className="rb-progress-row">
        <strong data-testid="run-progress">{progressLabel(run)}</strong>
        <progress max={total} value={settledCount(run.steps)} aria-label="Steps settled" />
        <span className="clock" title="Elapsed since the run started" data-testid="run-elapsed">
          {clock(elapsedMs(run, now))}
        </span>
        {run.incidentId && (
          <a href={`#/incidents/${encodeURIComponent(run.incidentId)}`} data-testid="run-incident">
            Timeline of {run.incidentId}
          </a>
        )}
      </div>
      {Object.keys(run.params).length > 0 && (
        <p className="small muted">
          {Object.entries(run.params).map(([k, v]) => (
            <span key={k} className="rb-param-value">
              <code>{k}</code>={v}{' '}
            </span>
          ))}
        </p>
      )}
      {run.journalWarning && <p className="banner banner-warn">{run.journalWarning}</p>}
      {open && needsHostChoice(run) && <HostChoice run={run} onChoose={(host) => runAction({ action: 'resume', host })} />}
      {open && run.missingSecrets.length > 0 && (
        <fieldset className="rb-secrets">
          <legend>Secrets are never stored: give them again to continue</legend>
          {run.missingSecrets.map((name) => (
            <label key={name} className="field">
              <code>{name}</code>
              <input type="password" autoComplete="off" value={secrets[name] ?? ''} onChange={(e) => setSecrets((s) => ({ ...s, [name]: e.target.value }))} />
            </label>
          ))}
        </fieldset>
      )}
      {open && (
        <div className="button-row rb-run-actions">
          {run.status === 'paused' ? (
            <button type="button" className="primary" onClick={() => runAction({ action: 'resume' })}>
              Resume at step {Math.min(run.current + 1, total)}
            </button>
          ) : (
            <button type="button" disabled={anyRunning} onClick={() => runAction({ action: 'pause' })}>
              Pause
            </button>
          )}
          <button
            type="button"
            disabled={anyRunning}
            title="Pauses the run; pick it up later from the list of unfinished runs"
            onClick={() => {
              const leave = () => navigate('runbooks');
              if (run.status === 'paused') return leave();
              void actWith({ action: 'pause' }).then((message) => (message ? setError(message) : leave()));
            }}
          >
            Pause and close
          </button>
          <button type="button" className="danger" onClick={() => setAborting((v) => !v)} aria-expanded={aborting}>
            Abort…
          </button>
        </div>
      )}
      {aborting && open && (
        <form
          className="inline-form"
          onSubmit={(e) => {
            e.preventDefault();
            setAborting(false);
            runAction({ action: 'abort', ...(abortReason.trim() ? { reason: abortReason.trim() } : {}) });
          }}
        >
          <input value={abortReason} onChange={(e) => setAbortReason(e.target.value)} aria-label="Reason for aborting" placeholder="Why is the run aborted? (goes to the timeline)" />
          <button type="submit" className="danger">
            Abort the run
          </button>
        </form>
      )}
      <FormError error={error} />
      <ol className="rb-steps" aria-label="Steps">
        {run.steps.map((step) => (
          <StepItem key={step.index} run={run} step={step} current={step.index === run.current} live={live[step.index]} act={actWith} />
        ))}
      </ol>
      {!open && (
        <p className="muted">
          This run is {run.status}
          {run.finishedAt ? ` (${clock(run.finishedAt - run.startedAt)} in all)` : ''}. <a href="#/runbooks">Back to the library</a>
        </p>
      )}
    </section>
  );
}

/**
 * The core stores the run's host with any action; `resume` is the one that changes nothing else on an
 * active run, so choosing a host sends it.
 */
function HostChoice({ run, onChoose }: { run: RunView; onChoose: (host: string) => void }) {
  const [host, setHost] = useState('');
  return (
    <form
      className="inline-form rb-host"
      onSubmit={(e) => {
        e.preventDefault();
        if (host) onChoose(host);
      }}
    >
      <input
        list="rb-run-hosts"
        value={host}
        aria-label="Host for the steps that do not name one"
        onChange={(e) => setHost(e.target.value.trim())}
        placeholder={`Host for steps that name none, e.g. ${run.hostChoices[0] ?? 'a host from config.yml'}`}
      />
      <datalist id="rb-run-hosts">
        {run.hostChoices.map((h) => (
          <option key={h} value={h} />
        ))}
      </datalist>
      <button type="submit" disabled={!host}>
        Use this host
      </button>
    </form>
  );
}
