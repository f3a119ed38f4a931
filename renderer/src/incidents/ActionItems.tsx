// Action items (owner, due date, done): the "what we change" half of the postmortem.
import { useState, type FormEvent } from 'react';
import type { ActionItem } from '../../../preload/contract';
import { call } from '../api/client';

export function ActionItems({ incidentId, items, onChanged, onError }: { incidentId: string; items: ActionItem[]; onChanged: () => void; onError: (m: string) => void }) {
  const [title, setTitle] = useState('');
  const [owner, setOwner] = useState('');
  const [due, setDue] = useState('');
  const act = (p: Promise<unknown>) => void p.then(onChanged, (err: Error) => onError(err.message));
  const add = (e: FormEvent) => {
    e.preventDefault();
    if (!title.trim()) return;
    act(
      call('actions:add', { incidentId, title: title.trim(), ...(owner.trim() ? { owner: owner.trim() } : {}), ...(due ? { dueDate: due } : {}) }).then(() => {
        setTitle('');
        setOwner('');
        setDue('');
      }),
    );
  };
  return (
    <section className="panel" aria-labelledby="actions-title">
      <h2 id="actions-title">Action items</h2>
      {items.length === 0 && <p className="muted">None yet. What should change so this does not happen again? Add it with an owner and a date.</p>}
      <ul className="action-items">
        {items.map((a) => (
          <li key={a.id} className={a.done ? 'done' : ''}>
            <label className="check">
              <input type="checkbox" checked={a.done} onChange={(e) => act(call('actions:update', { id: a.id, done: e.target.checked }))} />
              {a.title}
            </label>
            <span className="muted">
              {a.owner ?? 'no owner'} · {a.dueDate ?? 'no date'}
            </span>
          </li>
        ))}
      </ul>
      <form className="inline-form" onSubmit={add}>
        <input aria-label="Action item" placeholder="Action item" value={title} onChange={(e) => setTitle(e.target.value)} />
        <input aria-label="Owner" placeholder="Owner" size={12} value={owner} onChange={(e) => setOwner(e.target.value)} />
        <input aria-label="Due date" type="date" value={due} onChange={(e) => setDue(e.target.value)} />
        <button type="submit">Add</button>
      </form>
    </section>
  );
}
