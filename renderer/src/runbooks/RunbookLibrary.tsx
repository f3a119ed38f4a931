// The library: every runbook file with its title, tags, severity and source, and the problems the
// checker found (file:line, so the author can jump to it). Broken files are listed, not runnable.
import { useEffect, useMemo, useRef, useState } from 'react';
import type { RunbookSummary } from '../../../preload/contract';
import { DataTable } from '../components/DataTable';
import { EmptyState } from '../components/EmptyState';
import { useAppStore } from '../state/app-store';
import { runbookHref } from './logic/route';
import { RunsList } from './RunsList';
import { useRunbooks } from './runbooks-store';

const columns = ['Runbook', 'Severity', 'Tags', 'Steps', 'Source'];

function matches(r: RunbookSummary, query: string): boolean {
  const q = query.trim().toLowerCase();
  if (!q) return true;
  return [r.id, r.title, r.file, r.severity ?? '', ...r.tags, ...r.alerts].some((text) => text.toLowerCase().includes(q));
}

export function RunbookLibrary() {
  const { library, libraryError, runs, loadLibrary, loadRuns } = useRunbooks();
  const home = useAppStore((s) => s.info?.home);
  const [query, setQuery] = useState('');
  const filter = useRef<HTMLInputElement>(null);

  useEffect(() => {
    void loadLibrary();
    void loadRuns();
  }, [loadLibrary, loadRuns]);

  useEffect(() => {
    // "/" jumps to the filter, as in the incident search.
    const onKey = (e: KeyboardEvent) => {
      if (e.key === '/' && !(e.target instanceof HTMLInputElement || e.target instanceof HTMLTextAreaElement)) {
        e.preventDefault();
        filter.current?.focus();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  const shown = useMemo(() => (library ?? []).filter((r) => matches(r, query)), [library, query]);
  const unfinished = (runs ?? []).filter((r) => r.status === 'active' || r.status === 'paused');

  if (libraryError) return <p className="form-error" role="alert">{libraryError}</p>;
  if (!library) return <p className="muted">Loading runbooks…</p>;
  if (library.length === 0) {
    return (
      <EmptyState title="No runbooks loaded">
        <p>
          Runbooks are Markdown files: each <code>##</code> heading is a step, fenced code blocks are commands. Put yours into <code>{home ?? '<home>'}/runbooks/</code>.
        </p>
      </EmptyState>
    );
  }

  return (
    <>
      {unfinished.length > 0 && (
        <section className="panel" aria-labelledby="rb-unfinished">
          <h2 id="rb-unfinished">Unfinished runs</h2>
          <RunsList runs={unfinished} />
        </section>
      )}
      <div className="inc-filters">
        <input ref={filter} className="rb-filter" type="search" aria-label="Filter runbooks" placeholder="Filter by title, tag, alert…  ( / )" value={query} onChange={(e) => setQuery(e.target.value)} />
        <span className="muted inc-count">
          {shown.length} of {library.length}
        </span>
      </div>
      <DataTable className="targets rb-library" label="Runbook library" columns={columns}>
        {shown.map((r) => (
          <LibraryRow key={`${r.source}:${r.file}`} runbook={r} />
        ))}
      </DataTable>
    </>
  );
}

function LibraryRow({ runbook: r }: { runbook: RunbookSummary }) {
  const errors = r.issues.filter((i) => i.severity === 'error');
  return (
    <tr className={r.broken ? 'rb-broken' : ''} data-testid="runbook-row">
      <td>
        {r.broken ? <strong>{r.title}</strong> : <a href={runbookHref(r.id)}>{r.title}</a>} <span className="muted small">{r.id}</span>
        {r.rollback && <span className="tag warn">rollback</span>}
        {r.issues.length > 0 && (
          <ul className={`rb-issues${errors.length ? ' crit' : ' warn'}`} aria-label={`Problems in ${r.id}`}>
            {r.issues.map((i) => (
              <li key={`${i.line}:${i.message}`}>
                <code>
                  {i.file}:{i.line}
                </code>
                {i.field ? ` ${i.field}:` : ''} {i.severity === 'error' ? 'error' : 'warning'}: {i.message}
              </li>
            ))}
          </ul>
        )}
      </td>
      <td>{r.severity ? <span className={`sev-badge sev-bg-${r.severity}`}>{r.severity}</span> : <span className="muted">–</span>}</td>
      <td>
        {r.tags.map((t) => (
          <span key={t} className="tag">
            {t}
          </span>
        ))}
      </td>
      <td>{r.stepCount}</td>
      <td className="small">
        <span className="muted">{r.source === 'builtin' ? 'built-in' : 'yours'}</span> <code>{r.file.split(/[\\/]/).pop()}</code>
      </td>
    </tr>
  );
}
