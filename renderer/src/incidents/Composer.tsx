// The one-line composer: Enter adds a note, `/decision a | e | r | n` or Ctrl/Cmd+D adds a decision,
// `/comm` a communication update, `/evidence URL` a link. Personal data is flagged as you type, never blocked.
import { forwardRef, useEffect, useState, type KeyboardEvent } from 'react';
import type { PiiWarning, TimelineEntry } from '../../../preload/contract';
import { call } from '../api/client';
import { decisionUsage, parseComposer } from './logic/composer-parse';
import { decisionLine, isDecisionData } from './logic/format';

interface Props {
  incidentId: string;
  correcting: TimelineEntry | null;
  onCancelCorrection: () => void;
  onWritten: (warnings: PiiWarning[]) => void;
}

function correctionSeed(entry: TimelineEntry): string {
  if (entry.kind === 'decision' && isDecisionData(entry.data)) {
    const d = entry.data;
    return `/decision ${[d.action, d.expectation, d.result ?? '', d.next ?? ''].join(' | ').replace(/( \| )+$/, '')}`;
  }
  if (entry.kind === 'communication') return `/comm ${entry.text}`;
  if (entry.kind === 'evidence') return `/evidence ${typeof entry.data?.url === 'string' ? entry.data.url : ''} ${entry.text}`.trim();
  return entry.text;
}

export const Composer = forwardRef<HTMLInputElement, Props>(function Composer({ incidentId, correcting, onCancelCorrection, onWritten }, ref) {
  const [text, setText] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [typingWarnings, setTypingWarnings] = useState<PiiWarning[]>([]);

  useEffect(() => {
    if (correcting) setText(correctionSeed(correcting));
  }, [correcting]);

  // Ask the core while typing (debounced) so the warning shows before the text is written.
  useEffect(() => {
    if (!text.trim()) return setTypingWarnings([]);
    const timer = setTimeout(() => {
      call('incidents:pii-check', { text })
        .then(({ warnings }) => setTypingWarnings(warnings))
        .catch(() => setTypingWarnings([]));
    }, 250);
    return () => clearTimeout(timer);
  }, [text]);

  const submit = (asDecision: boolean) => {
    const intent = parseComposer(text, { incidentId, ...(correcting ? { supersedes: correcting.id } : {}), asDecision });
    if (intent.kind === 'empty') {
      if (asDecision) setText('/decision ');
      return;
    }
    if (intent.kind === 'error') return setError(intent.message);
    setBusy(true);
    call('timeline:append', intent.input)
      .then(({ warnings }) => {
        setText('');
        setError(null);
        setTypingWarnings([]);
        onWritten(warnings);
      })
      .catch((err: Error) => setError(err.message))
      .finally(() => setBusy(false));
  };

  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key === 'Enter' && !e.shiftKey) {
      e.preventDefault();
      submit(false);
    } else if ((e.ctrlKey || e.metaKey) && e.key.toLowerCase() === 'd') {
      e.preventDefault();
      submit(true);
    } else if (e.key === 'Escape' && correcting) {
      e.preventDefault();
      setText('');
      onCancelCorrection();
    }
  };

  const isDecision = /^\/(decision|d)\b/i.test(text.trim());
  return (
    <div className="composer panel">
      {correcting && (
        <div className="composer-correcting">
          Correcting entry #{correcting.seq}:{' '}
          <span className="muted">{correcting.kind === 'decision' && isDecisionData(correcting.data) ? decisionLine(correcting.at, correcting.data) : correcting.text}</span>{' '}
          <button type="button" className="small" onClick={onCancelCorrection}>
            Cancel <kbd>Esc</kbd>
          </button>
        </div>
      )}
      <input
        ref={ref}
        className="composer-input"
        aria-label="Add to timeline"
        placeholder="What happened? Enter adds a note · /decision action | expectation | result | next · Ctrl+D decision · /comm update"
        value={text}
        disabled={busy}
        onChange={(e) => {
          setText(e.target.value);
          setError(null);
        }}
        onKeyDown={onKeyDown}
      />
      {isDecision && !error && <div className="muted composer-hint">{decisionUsage}</div>}
      {error && (
        <div className="form-error" role="alert">
          {error}
        </div>
      )}
      {typingWarnings.length > 0 && <PiiWarnings warnings={typingWarnings} />}
    </div>
  );
});

export function PiiWarnings({ warnings }: { warnings: PiiWarning[] }) {
  return (
    <div className="pii-warning" role="status" data-testid="pii-warning">
      <strong>Looks like personal data</strong> (you can still write it): {warnings.map((w) => `${w.message} (${w.sample})`).join('; ')}. Prefer a correlation id.
    </div>
  );
}
