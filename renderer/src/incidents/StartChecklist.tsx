// Seed 002: the 15-minute start checklist of every new P1/P2. Each tick is journaled by the core.
import type { ChecklistItem, Incident } from '../../../preload/contract';
import { call } from '../api/client';
import { clock } from './logic/format';
import { useNow } from './use-now';

export function StartChecklist({ incident, items, onChanged, onError }: { incident: Incident; items: ChecklistItem[]; onChanged: () => void; onError: (m: string) => void }) {
  const now = useNow();
  if (items.length === 0) return null;
  const done = items.filter((i) => i.done).length;
  const left = incident.startedAt + 15 * 60_000 - now;
  const complete = done === items.length;
  return (
    <section className={`panel checklist${complete ? ' complete' : left < 0 ? ' late' : ''}`} aria-labelledby="checklist-title">
      <h2 id="checklist-title">
        15-minute start checklist{' '}
        <span className="muted">
          {done}/{items.length}
          {!complete && (left > 0 ? ` · ${clock(left)} left` : ' · past 15 minutes')}
        </span>
      </h2>
      <ul>
        {items.map((item) => (
          <li key={item.key}>
            <label className="check">
              <input
                type="checkbox"
                checked={item.done}
                onChange={(e) =>
                  void call('checklist:tick', { incidentId: incident.id, key: item.key, done: e.target.checked }).then(onChanged, (err: Error) => onError(err.message))
                }
              />
              {item.label}
              {item.done && item.doneBy && <span className="muted"> · {item.doneBy}</span>}
            </label>
          </li>
        ))}
      </ul>
    </section>
  );
}
