// The matcher filter bar. `/` focuses it from anywhere on the Alerts screen; Escape or Enter goes back
// to the list. Bad terms are named with their column and the good terms still apply.
import { forwardRef } from 'react';
import { formatMatcher } from '../../../preload/contract';
import { useAlerts } from './alerts-store';

const presets: { label: string; text: string }[] = [
  { label: 'Firing', text: 'state=firing' },
  { label: 'Needs action', text: 'state=firing acknowledged=false muted=false' },
  { label: 'Critical', text: 'priority=P1' },
  { label: 'Muted', text: 'muted=true' },
];

export const FilterBar = forwardRef<HTMLInputElement, { shown: number; total: number; onLeave: () => void }>(function FilterBar({ shown, total, onLeave }, ref) {
  const { filterText, filter, setFilter, setForm } = useAlerts();
  return (
    <div className="alert-filter">
      <div className="alert-filter-row">
        <input
          ref={ref}
          type="search"
          className="alert-filter-input"
          aria-label="Filter alerts"
          placeholder='Filter: severity=critical service=~api.* state=firing acknowledged=false   (press / to focus)'
          spellCheck={false}
          value={filterText}
          aria-invalid={filter.errors.length > 0}
          aria-describedby="alert-filter-help"
          onChange={(e) => setFilter(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === 'Escape' || e.key === 'Enter' || e.key === 'ArrowDown') {
              e.preventDefault();
              onLeave();
            }
          }}
        />
        <button
          type="button"
          disabled={filter.labels.length === 0}
          title={filter.labels.length ? 'A silence with these label matchers' : 'Write label matchers in the filter first'}
          onClick={() => setForm({ kind: 'silence', matchers: filter.labels.map(formatMatcher).join(' ') })}
        >
          Silence matching…
        </button>
      </div>
      <div className="chip-group" role="group" aria-label="Quick filters">
        {presets.map((p) => (
          <button key={p.label} type="button" className={`chip${filterText === p.text ? ' on' : ''}`} aria-pressed={filterText === p.text} onClick={() => setFilter(filterText === p.text ? '' : p.text)}>
            {p.label}
          </button>
        ))}
        <span className="muted alert-count" data-testid="alert-count">
          {shown === total ? `${total} alert${total === 1 ? '' : 's'}` : `${shown} of ${total} alerts`}
        </span>
      </div>
      <div id="alert-filter-help" className="small">
        {filter.errors.length > 0 ? (
          <ul className="form-error" role="alert" data-testid="filter-errors">
            {filter.errors.map((e) => (
              <li key={`${e.column}:${e.term}`}>
                column {e.column}, <code>{e.term}</code>: {e.message}
              </li>
            ))}
          </ul>
        ) : (
          <span className="muted">
            Labels with <code>=</code> <code>!=</code> <code>=~</code> <code>!~</code> (regexes match the whole value); status: <code>state</code> <code>source</code> <code>priority</code>{' '}
            <code>acknowledged</code> <code>silenced</code> <code>snoozed</code> <code>muted</code>; other words search the text.
          </span>
        )}
      </div>
    </div>
  );
});
