// Postmortem due (5 working days after a P1/P2 resolves), review prompts, P1/P2 update nags.
// Only the first few are shown until asked: a long backlog must not push the list off the screen.
import { useState } from 'react';
import type { Reminder } from '../../../preload/contract';
import { dateTime } from './logic/format';

const collapsedCount = 3;
const kindLabel: Record<Reminder['kind'], string> = { postmortem_due: 'postmortem', review: 'review', update_due: 'update' };

export function Reminders({ reminders, showIncident }: { reminders: Reminder[]; showIncident: boolean }) {
  const [expanded, setExpanded] = useState(false);
  if (reminders.length === 0) return null;
  const overdue = reminders.filter((r) => r.overdue).length;
  const shown = expanded ? reminders : reminders.slice(0, collapsedCount);
  return (
    <section className="panel reminders" aria-label="Reminders" data-testid="reminders">
      <h2>
        Reminders <span className="muted">{reminders.length}{overdue ? ` · ${overdue} overdue` : ''}</span>
      </h2>
      <ul>
        {shown.map((r) => (
          <li key={`${r.kind}:${r.incidentId}`} className={r.overdue ? 'overdue' : ''}>
            <span className={`tag${r.overdue ? ' crit' : ' warn'}`}>{kindLabel[r.kind]}</span>{' '}
            {showIncident && (
              <a href={`#/incidents/${encodeURIComponent(r.incidentId)}`}>
                <span className={`sev-${r.severity}`}>{r.severity}</span> {r.title}
              </a>
            )}{' '}
            {r.message} <span className="muted">(due {dateTime(r.dueAt)})</span>
          </li>
        ))}
      </ul>
      {reminders.length > collapsedCount && (
        <button type="button" className="link-button" onClick={() => setExpanded(!expanded)}>
          {expanded ? 'Show fewer' : `Show all ${reminders.length}`}
        </button>
      )}
    </section>
  );
}
