// The incident list: filters, sortable columns and a windowed body that stays smooth at 50,000 rows.
import { useEffect } from 'react';
import { categoryLabels, incidentStatuses, severities, type IncidentCategory, type IncidentSummary } from '../../../preload/contract';
import { EmptyState } from '../components/EmptyState';
import { navigate } from '../router';
import { dateTime } from './logic/format';
import { defaultQuery, pageSize, useIncidentList, type ListQuery, type SortKey } from './list-store';
import { VirtualList } from './VirtualList';
import { pagesFor } from './logic/virtual-window';
import { CategoryOptions } from '../components/IncidentOptions';

export const listRowHeight = 34;

const columns: { key: string; label: string; sort?: SortKey }[] = [
  { key: 'sev', label: 'Sev', sort: 'severity' },
  { key: 'title', label: 'Title' },
  { key: 'status', label: 'Status', sort: 'status' },
  { key: 'cat', label: 'Category' },
  { key: 'ic', label: 'Commander' },
  { key: 'started', label: 'Started', sort: 'startedAt' },
  { key: 'updated', label: 'Updated', sort: 'updatedAt' },
];

function hasFilters(q: ListQuery): boolean {
  return q.statusMode !== 'all' || q.severity.length > 0 || q.category.length > 0;
}

function toggle<T>(list: T[], item: T): T[] {
  return list.includes(item) ? list.filter((x) => x !== item) : [...list, item];
}

function Row({ incident }: { incident: IncidentSummary | undefined }) {
  if (!incident) return <div className="vcell muted" role="cell">Loading…</div>;
  return (
    <>
      <div role="cell" className={`vcell c-sev sev-${incident.severity}`}>
        <span className={`sev-badge sev-bg-${incident.severity}`}>{incident.severity}</span>
      </div>
      <div role="cell" className="vcell c-title" title={incident.id}>
        {incident.title}
        <span className="muted inc-id"> {incident.id}</span>
      </div>
      <div role="cell" className={`vcell c-status status-${incident.status}`}>{incident.status}</div>
      <div role="cell" className="vcell c-cat">{categoryLabels[incident.category]}</div>
      <div role="cell" className="vcell c-ic">{incident.commander ?? <span className="muted">–</span>}</div>
      <div role="cell" className="vcell c-started">{dateTime(incident.startedAt)}</div>
      <div role="cell" className="vcell c-updated">{dateTime(incident.updatedAt)}</div>
    </>
  );
}

export function IncidentList() {
  const { query, total, pages, error, setQuery, ensurePages } = useIncidentList();

  useEffect(() => {
    // On mount only: later changes come from the filters and live events. A cached list is refreshed in place.
    const list = useIncidentList.getState();
    if (list.total === null) list.setQuery({});
    else list.refresh();
  }, []);

  const rowAt = (i: number) => pages[Math.floor(i / pageSize)]?.[i % pageSize];
  const sortBy = (key: SortKey) => setQuery(query.sort === key ? { order: query.order === 'asc' ? 'desc' : 'asc' } : { sort: key, order: 'desc' });

  return (
    <div className="inc-list">
      <div className="inc-filters" role="toolbar" aria-label="Filters">
        <div className="chip-group" role="group" aria-label="Status">
          <button type="button" className={`chip${query.statusMode === 'all' ? ' on' : ''}`} aria-pressed={query.statusMode === 'all'} onClick={() => setQuery({ statusMode: 'all', status: [] })}>
            All
          </button>
          <button type="button" className={`chip${query.statusMode === 'open' ? ' on' : ''}`} aria-pressed={query.statusMode === 'open'} onClick={() => setQuery({ statusMode: 'open', status: [] })}>
            Open
          </button>
          {incidentStatuses.map((s) => {
            const on = query.statusMode === 'pick' && query.status.includes(s);
            return (
              <button
                key={s}
                type="button"
                className={`chip${on ? ' on' : ''}`}
                aria-pressed={on}
                onClick={() => {
                  const status = toggle(query.statusMode === 'pick' ? query.status : [], s);
                  setQuery(status.length ? { statusMode: 'pick', status } : { statusMode: 'all', status: [] });
                }}
              >
                {s}
              </button>
            );
          })}
        </div>
        <div className="chip-group" role="group" aria-label="Severity">
          {severities.map((s) => (
            <button key={s} type="button" className={`chip${query.severity.includes(s) ? ' on' : ''}`} aria-pressed={query.severity.includes(s)} onClick={() => setQuery({ severity: toggle(query.severity, s) })}>
              {s}
            </button>
          ))}
        </div>
        <label className="inline-field">
          Category{' '}
          <select value={query.category[0] ?? ''} onChange={(e) => setQuery({ category: e.target.value ? [e.target.value as IncidentCategory] : [] })}>
            <option value="">all</option>
            <CategoryOptions />
          </select>
        </label>
        {hasFilters(query) && (
          <button type="button" className="link-button" onClick={() => setQuery({ ...defaultQuery, sort: query.sort, order: query.order })}>
            Clear filters
          </button>
        )}
        <span className="muted inc-count" data-testid="incident-count">
          {total === null ? 'Loading…' : `${total.toLocaleString('en')} incident${total === 1 ? '' : 's'}`}
        </span>
      </div>
      {error && (
        <div className="banner banner-error" role="alert">
          Could not load incidents: {error}
        </div>
      )}
      {total === 0 && !hasFilters(query) && (
        <EmptyState
          title="No incidents yet"
          action={
            <button type="button" className="primary" onClick={() => navigate('incidents', 'new')}>
              Open an incident
            </button>
          }
        >
          <p>When something breaks, open an incident here (or press the button) and write to its timeline as you work; the postmortem is drafted from it.</p>
          <p>
            From a terminal: <code>oncall incident open --title "API 5xx storm" --severity P1</code>, then <code>oncall note "restarted api-2"</code>.
          </p>
        </EmptyState>
      )}
      {total === 0 && hasFilters(query) && (
        <EmptyState title="No incident matches these filters">
          <p>Clear a filter above, or choose “All”.</p>
        </EmptyState>
      )}
      {total !== null && total > 0 && (
        <div className="inc-table" role="table" aria-label="Incidents" aria-rowcount={total + 1}>
          <div role="rowgroup">
            <div role="row" className="vhead" aria-rowindex={1}>
              {columns.map((c) => (
                <div key={c.key} role="columnheader" className={`vcell c-${c.key}`} aria-sort={c.sort && query.sort === c.sort ? (query.order === 'asc' ? 'ascending' : 'descending') : undefined}>
                  {c.sort ? (
                    <button type="button" className="sort-button" onClick={() => sortBy(c.sort!)}>
                      {c.label}
                      {query.sort === c.sort ? (query.order === 'asc' ? ' ▲' : ' ▼') : ''}
                    </button>
                  ) : (
                    c.label
                  )}
                </div>
              ))}
            </div>
          </div>
          <VirtualList
            count={total}
            rowHeight={listRowHeight}
            label="Incident rows"
            testId="incident-rows"
            onWindow={(w) => ensurePages(pagesFor(w, pageSize))}
            onActivate={(i) => {
              const row = rowAt(i);
              if (row) navigate('incidents', row.id);
            }}
            renderRow={(i) => <Row incident={rowAt(i)} />}
          />
        </div>
      )}
    </div>
  );
}
