// The incident that is open in the detail view, kept fresh by `incidents:changed` events.
import { create } from 'zustand';
import type { IncidentDetail, PiiWarning, Reminder, TimelineEntry } from '../../../preload/contract';
import { call } from '../api/client';

/** Entries fetched with the incident; older ones are paged in on demand. */
export const timelineLimit = 500;

interface DetailStore {
  id: string | null;
  detail: IncidentDetail | null;
  /** Entries older than the first page, fetched with "Show earlier entries". */
  older: TimelineEntry[];
  error: string | null;
  /** PII warnings from the last write (shown, never blocking). */
  warnings: PiiWarning[];
  reminders: Reminder[];
  load: (id: string) => Promise<void>;
  reload: () => Promise<void>;
  loadOlder: () => Promise<void>;
  setWarnings: (warnings: PiiWarning[]) => void;
  loadReminders: () => Promise<void>;
}

let seq = 0;

export const useIncidentDetail = create<DetailStore>((set, get) => ({
  id: null,
  detail: null,
  older: [],
  error: null,
  warnings: [],
  reminders: [],
  async load(id) {
    if (get().id !== id) set({ id, detail: null, older: [], error: null, warnings: [] });
    const mine = ++seq;
    try {
      const detail = await call('incidents:get', { id, timelineLimit });
      // A slower answer for an earlier request must not overwrite a newer one.
      if (mine === seq && get().id === id) set({ detail, error: null });
    } catch (err) {
      if (mine === seq && get().id === id) set({ error: (err as Error).message });
    }
  },
  async reload() {
    const id = get().id;
    if (id) await get().load(id);
  },
  async loadOlder() {
    const { detail, older } = get();
    if (!detail) return;
    const first = older[0] ?? detail.timeline[0];
    if (!first) return;
    const { entries } = await call('timeline:list', { incidentId: detail.incident.id, beforeSeq: first.seq, limit: 1000 });
    if (get().detail?.incident.id === detail.incident.id) set({ older: [...entries, ...get().older] });
  },
  setWarnings(warnings) {
    set({ warnings });
  },
  async loadReminders() {
    try {
      const { reminders } = await call('incidents:reminders');
      set({ reminders });
    } catch {
      // Reminders are an aid; a failure here must not hide the incident itself.
    }
  },
}));
