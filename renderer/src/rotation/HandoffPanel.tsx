import { useEffect, useState } from 'react';
import type { Handoff, HandoffReport } from '../../../preload/contract';
import { api, call } from '../api/client';
import { useAppStore } from '../state/app-store';

const time = (ms: number) => new Date(ms).toLocaleString([], { weekday: 'short', hour: '2-digit', minute: '2-digit' });

/** The shift handoff: draft the report, add notes and hand it over; receive the one handed to you. */
export function HandoffPanel() {
  const { setError } = useAppStore();
  const [draft, setDraft] = useState<HandoffReport | null>(null);
  const [notes, setNotes] = useState('');
  const [recent, setRecent] = useState<Handoff[]>([]);
  const fail = (err: Error) => setError(err.message);
  useEffect(() => {
    const refresh = () => void call('handoff:list', { limit: 5 }).then(setRecent, (err: Error) => setError(err.message));
    refresh();
    return api.on('handoff:changed', refresh);
  }, [setError]);
  const waiting = recent.find((h) => h.receivedAt === null);

  return (
    <div className="panel" data-testid="handoff">
      <h2>Shift handoff</h2>
      {waiting && (
        <p role="status">
          {waiting.report.outgoing} handed over at {time(waiting.createdAt)}
          {waiting.notes ? `: “${waiting.notes.split('\n')[0]}”` : ''}{' '}
          <button type="button" onClick={() => void call('handoff:receive', { id: waiting.id }).catch(fail)}>
            Acknowledge receipt
          </button>
        </p>
      )}
      {!draft ? (
        <button type="button" onClick={() => void call('handoff:draft', {}).then(setDraft, fail)}>
          Draft the handoff for my shift
        </button>
      ) : (
        <>
          <p>
            {time(draft.from)} – {time(draft.to)}: {draft.fatigue.pages} pages ({draft.fatigue.nightPages} at night), {draft.openIncidents.length} open incidents,{' '}
            {draft.silencesExpiring.length} silences ending next shift, {draft.actionItemsDue.length} action items due
            {draft.fatigue.medianAckMs !== null ? `, median acknowledge ${(draft.fatigue.medianAckMs / 60_000).toFixed(1)} min` : ''}.
          </p>
          <ul>
            {draft.openIncidents.map((i) => (
              <li key={i.id}>
                <a href={`#/incidents/${i.id}`}>{i.id}</a> {i.severity} {i.status}: {i.title}
                {i.lastDecision ? ` — last decision: ${i.lastDecision.text.split('\n')[0] ?? ''}` : ''}
              </li>
            ))}
          </ul>
          <label className="field">
            Notes for {draft.incoming ?? 'the next engineer'}
            <textarea value={notes} onChange={(e) => setNotes(e.target.value)} rows={3} />
          </label>
          <button
            type="button"
            className="primary"
            onClick={() =>
              void call('handoff:send', { notes }).then(() => {
                setDraft(null);
                setNotes('');
              }, fail)
            }
          >
            Hand over
          </button>
        </>
      )}
    </div>
  );
}
