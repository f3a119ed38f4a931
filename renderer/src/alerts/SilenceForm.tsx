// "Silence": matchers (prefilled from the alert or the filter), an end given as a duration or a local time,
// and a comment. For an alert read from an Alertmanager the silence is created there (the core posts it to
// /api/v2/silences), so the whole team sees it; otherwise it is a local silence with the same semantics.
import { useEffect, useMemo, useState, type FormEvent } from 'react';
import { parseMatchers, type AlertView, type Matcher } from '../../../preload/contract';
import { call } from '../api/client';
import { loadMyName } from '../incidents/my-name';
import { alertActions, useAlerts } from './alerts-store';
import { silenceEnd } from './logic/time';
import { FormError, FormActions } from '../components/FormParts';

function readMatchers(text: string): { matchers: Matcher[] } | { error: string } {
  try {
    const matchers = parseMatchers(text);
    if (matchers.length === 0) return { error: 'give at least one matcher, e.g. alertname="TargetDown"' };
    return { matchers };
  } catch (err) {
    return { error: (err as Error).message };
  }
}

export function SilenceForm({ initial, alert }: { initial: string; alert: AlertView | null }) {
  const setForm = useAlerts((s) => s.setForm);
  const [text, setText] = useState(initial);
  const [end, setEnd] = useState('2h');
  const [comment, setComment] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const parsed = useMemo(() => readMatchers(text), [text]);
  // The core counts: the screen only holds the rows it shows, not every alert.
  const [matching, setMatching] = useState<number | null>(null);
  useEffect(() => {
    if (!('matchers' in parsed)) return;
    let current = true;
    setMatching(null);
    call('alerts:count-matching', { matchers: parsed.matchers }).then(
      (r) => current && setMatching(r.active),
      () => current && setMatching(null),
    );
    return () => {
      current = false;
    };
  }, [parsed]);
  const alertmanager = alert?.source === 'alertmanager' ? alert.sourceName : undefined;

  const submit = (e: FormEvent) => {
    e.preventDefault();
    if ('error' in parsed) return setError(`Matchers: ${parsed.error}`);
    const ends = silenceEnd(end, Date.now());
    if ('error' in ends) return setError(`Ends: ${ends.error}`);
    if (!comment.trim()) return setError('Comment: say why, so the next person knows (Alertmanager requires one too).');
    setBusy(true);
    void alertActions
      .silence({ matchers: parsed.matchers, endsAt: ends.endsAt, comment: comment.trim(), createdBy: loadMyName('oncall-console'), ...(alertmanager ? { alertmanager } : {}) })
      .then((done) => {
        setBusy(false);
        if (done) setForm(null);
      });
  };

  return (
    <form className="panel alert-form" aria-label="New silence" onSubmit={submit} onKeyDown={(e) => e.key === 'Escape' && setForm(null)}>
      <h2>Silence</h2>
      <label className="field wide">
        Matchers
        <input value={text} onChange={(e) => setText(e.target.value)} spellCheck={false} autoFocus />
      </label>
      <p className={'error' in parsed ? 'form-error small' : 'muted small'} data-testid="silence-preview">
        {'error' in parsed ? parsed.error : matching === null ? 'Counting the alerts it mutes…' : `Mutes ${matching} active alert${matching === 1 ? '' : 's'} right now${matching === 0 ? ' (it matches nothing)' : ''}.`}
      </p>
      <div className="inline-form">
        <label className="inline-field">
          Ends
          <input value={end} onChange={(e) => setEnd(e.target.value)} aria-describedby="silence-end-help" size={18} />
        </label>
        <span id="silence-end-help" className="muted small">
          a duration (2h, 1d) or a local time (2026-11-24 08:00)
        </span>
      </div>
      <label className="field wide">
        Comment
        <input value={comment} onChange={(e) => setComment(e.target.value)} placeholder="why, and a ticket if there is one" />
      </label>
      {alertmanager && <p className="muted small">Created in Alertmanager “{alertmanager}”, visible to everyone who uses it.</p>}
      <FormError error={error} />
      <FormActions submit="Create silence" disabled={busy} onCancel={() => setForm(null)} />
    </form>
  );
}
