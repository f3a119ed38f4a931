// Full-text search (FTS5 in the core) over titles, notes, decisions, communications and runbook output.
// Hits arrive as text segments; matched terms are wrapped in <mark>, never rendered as HTML.
import { useEffect, useRef, useState } from 'react';
import type { SearchHit } from '../../../preload/contract';
import { call } from '../api/client';
import { navigate } from '../router';
import { dateTime } from './logic/format';
import { FormError } from '../components/FormParts';

export function SearchPanel({ initial }: { initial: string }) {
  const [query, setQuery] = useState(initial);
  const [hits, setHits] = useState<SearchHit[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const input = useRef<HTMLInputElement>(null);

  useEffect(() => input.current?.focus(), []);

  useEffect(() => {
    const q = query.trim();
    if (!q) {
      setHits(null);
      return;
    }
    let stale = false;
    const timer = setTimeout(() => {
      call('incidents:search', { query: q, limit: 100 })
        .then((r) => {
          if (stale) return;
          setHits(r.hits);
          setError(null);
          // Keep the query in the address so Back returns to these results.
          history.replaceState(null, '', `#/incidents/search/${encodeURIComponent(q)}`);
        })
        .catch((err: Error) => !stale && setError(err.message));
    }, 200);
    return () => {
      stale = true;
      clearTimeout(timer);
    };
  }, [query]);

  return (
    <section className="inc-search" aria-label="Search incidents">
      <input
        ref={input}
        type="search"
        className="search-input"
        aria-label="Search incidents"
        placeholder='Search titles, notes, decisions, runbook output (words are ANDed; "db*" matches a prefix)'
        value={query}
        onChange={(e) => setQuery(e.target.value)}
      />
      <FormError error={error} />
      {hits && hits.length === 0 && <p className="muted">Nothing matches “{query.trim()}”. Try fewer words, or a prefix such as “datab*”.</p>}
      {hits && hits.length > 0 && (
        <ul className="search-hits" aria-label="Search results">
          {hits.map((h, i) => (
            <li key={`${h.incidentId}:${h.entryId ?? 'title'}:${i}`}>
              <button type="button" className="hit" onClick={() => (h.entryId ? navigate('incidents', h.incidentId, h.entryId) : navigate('incidents', h.incidentId))}>
                <span className="hit-head">
                  <span className={`sev-badge sev-bg-${h.severity}`}>{h.severity}</span> <strong>{h.incidentTitle}</strong> <span className="muted">{h.incidentId}</span>{' '}
                  <span className="tag">{h.source}</span> <span className="muted">{dateTime(h.at)}</span>
                </span>
                <span className="hit-snippet" data-testid="search-snippet">
                  {h.snippet.map((s, j) => (s.hit ? <mark key={j}>{s.text}</mark> : <span key={j}>{s.text}</span>))}
                </span>
              </button>
            </li>
          ))}
        </ul>
      )}
      {!hits && !error && <p className="muted">Type to search every incident on this machine; no network needed. From a terminal: <code>oncall search "api-2 restart"</code>.</p>}
    </section>
  );
}
