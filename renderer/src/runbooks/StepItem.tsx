// One step of a guided run: what it does, where, its verdict, its output (live while it runs, folded
// when long), and for the current step the actions. A dangerous step's Run stays disabled until the
// target host or version is typed exactly: the typed text is what the core checks and journals.
import { useEffect, useState } from 'react';
import type { Input, RunView, StepState } from '../../../preload/contract';
import { call } from '../api/client';
import { confirmationOk, foldOutput, formatBytes, isOpen, runLabel, statusTone, stepDuration } from './logic/run-state';
import type { LiveOutput } from './runbooks-store';
import { FormError } from '../components/FormParts';

type Act = (input: Omit<Input<'runbooks:act'>, 'runId'>) => Promise<string | null>;

export function StepItem({ run, step, current, live, act }: { run: RunView; step: StepState; current: boolean; live: LiveOutput | undefined; act: Act }) {
  const [confirmation, setConfirmation] = useState('');
  const [skipping, setSkipping] = useState(false);
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);
  const open = isOpen(run);
  const running = step.status === 'running';
  const anyRunning = run.steps.some((s) => s.status === 'running');
  const canAct = current && open && !anyRunning;
  const confirmed = confirmationOk(step, confirmation);
  const label = runLabel(step);

  const send = (input: Omit<Input<'runbooks:act'>, 'runId'>) => {
    setError(null);
    void act(input).then((message) => {
      setError(message);
      if (!message && input.action === 'skip') {
        setSkipping(false);
        setReason('');
      }
    });
  };
  const runIt = () => {
    // A typed confirmation is good for one attempt: a retry of a dangerous step is confirmed again.
    // Cleared now, not when the call returns, which is only after the step has finished.
    setConfirmation('');
    send(label === 'Mark done' ? { action: 'done', step: step.index } : { action: label === 'Retry' ? 'retry' : 'run', step: step.index, ...(step.needsConfirmation ? { confirmation } : {}) });
  };

  useEffect(() => {
    if (!canAct) return;
    // Single keys act on the current step unless the engineer is typing somewhere.
    const onKey = (e: KeyboardEvent) => {
      if (e.ctrlKey || e.metaKey || e.altKey || e.target instanceof HTMLInputElement || e.target instanceof HTMLTextAreaElement || e.target instanceof HTMLSelectElement) return;
      if (e.key === 'r' && confirmed && step.errors.length === 0) runIt();
      else if (e.key === 's') setSkipping(true);
      else if (e.key === 'd') send({ action: 'done', step: step.index });
      else return;
      e.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  });

  return (
    <li className={`rb-step rb-tone-${statusTone(step.status)}${current && open ? ' current' : ''}`} aria-current={current && open ? 'step' : undefined} data-testid="run-step" data-status={step.status}>
      <div className="rb-step-head">
        <span className="rb-step-no">{step.index + 1}</span>
        <span className="rb-step-title">{step.title}</span>
        <span className="tag">{step.kind}</span>
        {step.host && <span className="muted small">on {step.host}</span>}
        {step.needsConfirmation && <span className="tag crit">dangerous</span>}
        <span className={`rb-status tone-${statusTone(step.status)}`} data-testid="step-status">
          {step.status}
        </span>
      </div>
      {(current || step.attempts > 0) && (
        <div className="rb-step-body">
          {current && step.description && <p className="rb-description">{step.description}</p>}
          {step.kind !== 'manual' && <pre className="step-output rb-command">{step.command}</pre>}
          {step.checks.length > 0 && (
            <ul className="rb-checks">
              {step.checks.map((c) => (
                <li key={c.text}>
                  {c.checked || step.status === 'done' ? '☑' : '☐'} {c.text}
                </li>
              ))}
            </ul>
          )}
          {step.attempts > 0 && <StepFacts step={step} />}
          {step.errors.length > 0 && open && <p className="form-error small">{step.errors.join('; ')}</p>}
          {(running || step.outputBytes > 0 || (live?.text ?? '') !== '') && <StepOutput key={step.attempts} run={run} step={step} live={running ? live : undefined} />}
        </div>
      )}
      {canAct && (
        <div className="rb-actions">
          {step.needsConfirmation && label !== 'Mark done' && (
            <label className="field rb-confirm">
              <span>
                Type <code>{step.confirmValue ?? '?'}</code> to confirm this step
              </span>
              <input value={confirmation} onChange={(e) => setConfirmation(e.target.value)} aria-label={`Confirm step ${step.index + 1}`} autoComplete="off" />
            </label>
          )}
          <div className="button-row">
            <button type="button" className={step.needsConfirmation ? 'primary danger-fill' : 'primary'} disabled={!confirmed || step.errors.length > 0} onClick={runIt}>
              {label} <kbd>R</kbd>
            </button>
            <button type="button" onClick={() => setSkipping((v) => !v)} aria-expanded={skipping}>
              Skip… <kbd>S</kbd>
            </button>
            {label !== 'Mark done' && (
              <button type="button" onClick={() => send({ action: 'done', step: step.index })}>
                Mark done <kbd>D</kbd>
              </button>
            )}
          </div>
          {skipping && (
            <form
              className="inline-form"
              onSubmit={(e) => {
                e.preventDefault();
                send({ action: 'skip', step: step.index, reason });
              }}
            >
              <input value={reason} onChange={(e) => setReason(e.target.value)} aria-label="Reason for skipping" placeholder="Why is this step skipped? (goes to the timeline)" autoFocus />
              <button type="submit" disabled={!reason.trim()}>
                Skip step
              </button>
            </form>
          )}
        </div>
      )}
      {running && (
        <div className="button-row">
          <button type="button" className="danger" onClick={() => send({ action: 'cancel', step: step.index })}>
            Cancel step
          </button>
        </div>
      )}
      <FormError error={error} />
    </li>
  );
}

/** Exit code, duration, verdict against expect_*, attempt, host key and reason, in that order. */
function StepFacts({ step }: { step: StepState }) {
  const ran = step.kind !== 'manual' && step.status !== 'skipped' && step.status !== 'done';
  const facts: { text: string; className: string }[] = [];
  // The stored code is an exit code for commands, the HTTP status or the result count for checks.
  if (step.exitCode !== null && step.kind === 'http') facts.push({ text: `HTTP ${step.exitCode}`, className: step.exitCode < 400 ? 'state-up' : 'state-firing' });
  else if (step.exitCode !== null && step.kind === 'promql') facts.push({ text: `${step.exitCode} result${step.exitCode === 1 ? '' : 's'}`, className: '' });
  else if (step.exitCode !== null && step.kind !== 'wait') facts.push({ text: `exit ${step.exitCode}`, className: step.exitCode === 0 ? 'state-up' : 'state-firing' });
  if (ran && step.durationMs !== null) facts.push({ text: stepDuration(step.durationMs), className: '' });
  if (step.status !== 'running') facts.push({ text: step.status, className: `tone-${statusTone(step.status)}` });
  if (step.attempts > 1) facts.push({ text: `attempt ${step.attempts}`, className: 'muted' });
  if (step.fingerprint) facts.push({ text: `host key ${step.fingerprint}`, className: 'muted' });
  if (step.reason) facts.push({ text: step.reason, className: 'muted' });
  return (
    <p className="rb-facts small" data-testid="step-facts">
      {facts.map((f, i) => (
        <span key={`${i}:${f.text}`} className={f.className}>
          {i > 0 ? ' · ' : ''}
          {f.text}
        </span>
      ))}
    </p>
  );
}

function StepOutput({ run, step, live }: { run: RunView; step: StepState; live: LiveOutput | undefined }) {
  const [expanded, setExpanded] = useState(false);
  const [full, setFull] = useState<string | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const text = full ?? (live ? live.text : step.outputTail);
  const bytes = live ? live.bytes : step.outputBytes;
  const folded = foldOutput(text);
  const shown = expanded ? text : folded.shown;
  // The run view holds the newest 64 KiB; the rest is fetched only when asked for.
  const truncated = !live && full === null && step.outputBytes > new TextEncoder().encode(step.outputTail).length;
  return (
    <div className="rb-output">
      <div className="rb-output-head small muted">
        Output · {formatBytes(bytes)}
        {live && <span className="rb-live"> · streaming</span>}
        {folded.hiddenLines > 0 && (
          <button type="button" className="link-button" onClick={() => setExpanded((v) => !v)}>
            {expanded ? 'Fold' : `Show ${folded.hiddenLines} earlier lines`}
          </button>
        )}
        {truncated && (
          <button
            type="button"
            className="link-button"
            onClick={() => {
              call('runbooks:output', { runId: run.id, step: step.index })
                .then((o) => {
                  setFull(o.text);
                  setExpanded(true);
                })
                .catch((err: Error) => setLoadError(err.message));
            }}
          >
            Load the full output
          </button>
        )}
      </div>
      {loadError && <p className="form-error small">{loadError}</p>}
      {shown === '' && live ? (
        <p className="muted small">No output yet…</p>
      ) : (
        <pre className="step-output" data-testid="step-output">
          {shown}
        </pre>
      )}
    </div>
  );
}
