// The postmortem fields of seed 000 section 7 and seed 002 section 8; the Markdown export fills the template from them.
import { useEffect, useState } from 'react';
import type { Postmortem } from '../../../preload/contract';
import { call } from '../api/client';

type TextField = 'summary' | 'impact' | 'rootCause' | 'wentWell' | 'wentBadly' | 'lessons' | 'sloImpact' | 'cost';
const fields: { key: TextField; label: string }[] = [
  { key: 'summary', label: 'Summary' },
  { key: 'impact', label: 'Impact (users, how long, business effect)' },
  { key: 'rootCause', label: 'Root cause' },
  { key: 'sloImpact', label: 'SLO impact' },
  { key: 'cost', label: 'Cost' },
  { key: 'wentWell', label: 'What went well' },
  { key: 'wentBadly', label: 'What went badly' },
  { key: 'lessons', label: 'Lessons learned' },
];

export function PostmortemForm({ postmortem, onSaved, onError }: { postmortem: Postmortem; onSaved: () => void; onError: (m: string) => void }) {
  const [draft, setDraft] = useState(postmortem);
  const [dirty, setDirty] = useState(false);
  useEffect(() => {
    // Take the saved version unless the user is in the middle of editing.
    if (!dirty) setDraft(postmortem);
  }, [postmortem, dirty]);
  const whys = [...draft.fiveWhys, '', '', '', '', ''].slice(0, 5);
  const save = () => {
    const { incidentId, updatedAt: _u, ...rest } = draft;
    call('postmortem:save', { incidentId, fields: { ...rest, fiveWhys: draft.fiveWhys.filter((w) => w.trim()) } }).then(
      () => {
        setDirty(false);
        onSaved();
      },
      (err: Error) => onError(err.message),
    );
  };
  const edit = (patch: Partial<Postmortem>) => {
    setDraft((d) => ({ ...d, ...patch }));
    setDirty(true);
  };
  return (
    <details className="panel postmortem">
      <summary>
        <h2>Postmortem</h2> <span className="muted">{postmortem.updatedAt ? 'draft saved' : 'not started'}</span>
      </summary>
      {fields.map((f) => (
        <label key={f.key} className="field wide">
          {f.label}
          <textarea rows={f.key === 'summary' || f.key === 'rootCause' ? 3 : 2} value={draft[f.key]} onChange={(e) => edit({ [f.key]: e.target.value })} />
        </label>
      ))}
      <fieldset>
        <legend>Five whys</legend>
        {whys.map((w, i) => (
          <input
            key={i}
            aria-label={`Why ${i + 1}`}
            className="why"
            placeholder={`Why ${i + 1}?`}
            value={w}
            onChange={(e) => {
              const next = [...whys];
              next[i] = e.target.value;
              edit({ fiveWhys: next });
            }}
          />
        ))}
      </fieldset>
      <div className="form-actions">
        <button type="button" className="primary" disabled={!dirty} onClick={save}>
          Save postmortem
        </button>
      </div>
    </details>
  );
}
