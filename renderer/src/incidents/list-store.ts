// The incident list as a sparse cache of pages, so a list of 50,000 fetches only the rows scrolled to.
import { create } from 'zustand';
import type { IncidentCategory, IncidentSeverity, IncidentStatus, IncidentSummary, Input } from '../../../preload/contract';
import { call } from '../api/client';

export const pageSize = 200;

export type SortKey = 'startedAt' | 'updatedAt' | 'severity' | 'status';

export interface ListQuery {
  /** 'open' = everything not resolved/closed; 'all' = no status filter; else the chosen statuses. */
  statusMode: 'open' | 'all' | 'pick';
  status: IncidentStatus[];
  severity: IncidentSeverity[];
  category: IncidentCategory[];
  sort: SortKey;
  order: 'asc' | 'desc';
}

export const defaultQuery: ListQuery = { statusMode: 'all', status: [], severity: [], category: [], sort: 'startedAt', order: 'desc' };

interface ListStore {
  query: ListQuery;
  /** Rows matching the query; null before the first answer. */
  total: number | null;
  pages: Record<number, IncidentSummary[]>;
  /** Bumped whenever cached pages become stale, so late answers for an old query are dropped. */
  generation: number;
  error: string | null;
  setQuery: (patch: Partial<ListQuery>) => void;
  /** Fetches the pages not cached yet. */
  ensurePages: (pages: number[]) => void;
  /** Refetches the cached pages in place (live update) without blanking the list. */
  refresh: () => void;
}

const inFlight = new Set<string>();
/** The pages the list last asked for (its visible window), loaded or not. */
let wanted: number[] = [0];

export function toListInput(q: ListQuery, page: number): Input<'incidents:list'> {
  return {
    ...(q.statusMode === 'open' ? { open: true } : {}),
    ...(q.statusMode === 'pick' && q.status.length ? { status: q.status } : {}),
    ...(q.severity.length ? { severity: q.severity } : {}),
    ...(q.category.length ? { category: q.category } : {}),
    sort: q.sort,
    order: q.order,
    offset: page * pageSize,
    limit: pageSize,
  };
}

export const useIncidentList = create<ListStore>((set, get) => {
  const fetchPage = (page: number, generation: number) => {
    const key = `${generation}:${page}`;
    if (inFlight.has(key)) return;
    inFlight.add(key);
    call('incidents:list', toListInput(get().query, page))
      .then(({ items, total }) => {
        if (get().generation !== generation) return;
        set((s) => ({ total, pages: { ...s.pages, [page]: items }, error: null }));
      })
      .catch((err: Error) => {
        if (get().generation === generation) set({ error: err.message });
      })
      .finally(() => inFlight.delete(key));
  };

  return {
    query: defaultQuery,
    total: null,
    pages: {},
    generation: 0,
    error: null,
    setQuery(patch) {
      const generation = get().generation + 1;
      set({ query: { ...get().query, ...patch }, pages: {}, total: null, generation });
      for (const p of new Set([0, ...wanted])) fetchPage(p, generation);
    },
    ensurePages(pages) {
      wanted = pages;
      const { pages: cached, generation } = get();
      for (const p of pages) if (!cached[p]) fetchPage(p, generation);
    },
    refresh() {
      // Loaded pages, plus the window's pages still on their way: their answers belong to the old
      // generation and will be dropped, and the window may not move again to ask for them.
      const pages = new Set([...Object.keys(get().pages).map(Number), ...wanted]);
      // A new generation so answers for the old one are ignored, but keep showing the old rows meanwhile.
      const generation = get().generation + 1;
      set({ generation });
      for (const p of pages) fetchPage(p, generation);
    },
  };
});
