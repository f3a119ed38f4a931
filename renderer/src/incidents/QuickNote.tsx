// `#/quick-note`: the small always-on-top window the desktop's global shortcut opens. One line:
// Enter writes a note (or `/decision action | expectation | …` a decision) through the same
// timeline:append call and parsing as the incident page's composer; Esc closes the window.
import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import type { IncidentSummary } from '../../../preload/contract';
import { call } from '../api/client';
import { decisionUsage, parseComposer } from './logic/composer-parse';
import { quickNoteTarget, type QuickNoteTarget } from './logic/quick-note-target';

export function QuickNote() {
  const [target, setTarget] = useState<QuickNoteTarget | null>(null);
  const [chosen, setChosen] = useState('');
  const [text, setText] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [written, setWritten] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const input = useRef<HTMLInputElement>(null);

  useEffect(() => {
    call('incidents:list', { open: true, sort: 'updatedAt', order: 'desc', offset: 0, limit: 50 })
      .then(({ items }) => {
        const t = quickNoteTarget(items, Date.now());
        setTarget(t);
        setChosen(t.kind === 'bound' ? t.incident.id : t.kind === 'ask' ? (t.choices[0]?.id ?? '') : '');
      })
      .catch((err: Error) => setError(err.message));
  }, []);

  useEffect(() => {
    const onKey = (e: globalThis.KeyboardEvent) => {
      if (e.key === 'Escape') window.close();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  useEffect(() => input.current?.focus(), [target]);

  const submit = () => {
    if (!chosen) return;
    const intent = parseComposer(text, { incidentId: chosen });
    if (intent.kind === 'empty') return;
    if (intent.kind === 'error') return setError(intent.message);
    setBusy(true);
    call('timeline:append', intent.input)
      .then(({ entry }) => {
        setText('');
        setError(null);
        setWritten(`${entry.kind === 'decision' ? 'Decision logged' : 'Noted'} on ${entry.incidentId} (#${entry.seq})`);
        // Done: the window's job is one entry. (Browser mode may refuse to close a tab; the line stays.)
        setTimeout(() => window.close(), 600);
      })
      .catch((err: Error) => setError(err.message))
      .finally(() => setBusy(false));
  };

  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key === 'Enter' && !e.shiftKey) {
      e.preventDefault();
      submit();
    }
  };

  return (
    <div className="quick-note" data-testid="quick-note">
      {target === null && !error && <p className="muted">Loading open incidents…</p>}
      {target?.kind === 'none' && (
        <p role="status">
          No open incident to write to. Open one in the console first. <kbd>Esc</kbd> closes.
        </p>
      )}
      {target?.kind === 'bound' && (
        <p className="quick-note-target">
          <span className={`sev-badge sev-bg-${target.incident.severity}`}>{target.incident.severity}</span> {target.incident.id} · {target.incident.title}
        </p>
      )}
      {target?.kind === 'ask' && (
        <label className="field quick-note-target">
          Which incident?
          <select value={chosen} onChange={(e) => setChosen(e.target.value)}>
            {target.choices.map((i: IncidentSummary) => (
              <option key={i.id} value={i.id}>
                {i.severity} · {i.id} · {i.title}
              </option>
            ))}
          </select>
        </label>
      )}
      {target && target.kind !== 'none' && (
        <input
          ref={input}
          className="composer-input"
          aria-label="Quick note"
          placeholder="Enter writes a note · /decision action | expectation | result | next · Esc closes"
          value={text}
          disabled={busy}
          onChange={(e) => {
            setText(e.target.value);
            setError(null);
            setWritten(null);
          }}
          onKeyDown={onKeyDown}
        />
      )}
      {/^\/(decision|d)\b/i.test(text.trim()) && !error && <div className="muted composer-hint">{decisionUsage}</div>}
      {written && <p role="status">{written}</p>}
      {error && (
        <div className="form-error" role="alert">
          {error}
        </div>
      )}
    </div>
  );
}
