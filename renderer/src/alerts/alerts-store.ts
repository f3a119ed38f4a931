// Alert state for the Alerts screen: one window of the grouped, filtered rows from the core (alerts:rows),
// the filter, the folds, the cursor and the open detail. The core pushes `alerts:changed` (already
// throttled); the store refetches at most one window at a time and sends the last revision back, so an
// unchanged list costs a few bytes and a changed one a few dozen rows, whatever the number of alerts.
import { create } from 'zustand';
import type { AlertDetail, AlertRowsPage, AlertsEvents, Input, NotificationState, SilenceView } from '../../../preload/contract';
import { parseFilter, type AlertFilter } from '../../../preload/contract/alert-filter';
import { api, call, face } from '../api/client';
import { ringInPage } from './logic/ring';
import { playCue } from './sound';

export type EscalationPrompt = AlertsEvents['alerts:escalation'] & { at: number };

/** The action form open under the detail (or, for a silence from the filter, above the list). */
export type ActionForm = { kind: 'silence'; matchers: string } | { kind: 'incident' } | { kind: 'snooze' } | null;

/** Rows the list asked for: [offset, offset + limit). */
export interface RowRange {
  offset: number;
  limit: number;
}

interface AlertsStore {
  page: AlertRowsPage | null;
  error: string | null;
  filterText: string;
  filter: AlertFilter;
  collapsed: ReadonlySet<string>;
  range: RowRange;
  /** The row under the keyboard cursor (group key or `group|fingerprint`); null until its row arrived. */
  cursorKey: string | null;
  /** Where the cursor is in the whole list; the core tells where `cursorKey` went after a change. */
  cursorIndex: number;
  selected: string | null;
  detail: AlertDetail | null;
  /** Set when the selected alert is no longer active (it resolved and left the feed). */
  detailGone: boolean;
  silences: SilenceView[] | null;
  notificationState: NotificationState | null;
  escalations: EscalationPrompt[];
  /** The last action's outcome, shown under the action bar. */
  notice: string | null;
  form: ActionForm;
  setForm: (form: ActionForm) => void;
  load: () => Promise<void>;
  setFilter: (text: string) => void;
  toggleGroup: (key: string) => void;
  setRange: (range: RowRange) => void;
  /** Without an index the core locates the key at the next load. */
  setCursor: (key: string | null, index?: number) => void;
  select: (fingerprint: string | null) => void;
  loadDetail: () => Promise<void>;
  loadSilences: () => Promise<void>;
  /** Runs an alert action, then refreshes what it changed; errors land in `error`. */
  act: <T>(what: string, run: () => Promise<T>) => Promise<T | null>;
  pause: (until: number | null) => Promise<void>;
  ackEscalation: (prompt: EscalationPrompt) => Promise<void>;
  dismissEscalation: (prompt: EscalationPrompt) => void;
}

let listInFlight = false;
let listAgain = false;
/** How long the last list took from request to stored (fetch, JSON parse and store update). */
let lastLoadMs = 0;
let lastLoadEnd = 0;
/** The arguments of the stored page: when the next request has the same ones, it sends the revision. */
let lastArgs = '';

export const useAlerts = create<AlertsStore>((set, get) => ({
  page: null,
  error: null,
  filterText: '',
  filter: parseFilter(''),
  collapsed: new Set(),
  range: { offset: 0, limit: 100 },
  cursorKey: null,
  cursorIndex: 0,
  selected: null,
  detail: null,
  detailGone: false,
  silences: null,
  notificationState: null,
  escalations: [],
  notice: null,
  form: null,
  setForm: (form) => set({ form, notice: null }),
  async load() {
    if (listInFlight) {
      listAgain = true;
      return;
    }
    listInFlight = true;
    const started = performance.now();
    try {
      const asked = get();
      const args: Input<'alerts:rows'> = { filter: asked.filterText, collapsed: [...asked.collapsed], offset: asked.range.offset, limit: asked.range.limit };
      if (asked.cursorKey !== null) args.cursor = asked.cursorKey;
      const argsText = JSON.stringify(args);
      const since = asked.page && argsText === lastArgs ? asked.page.revision : undefined;
      const [page, notificationState] = await Promise.all([call('alerts:rows', since === undefined ? args : { ...args, since }), call('alerts:notification-state')]);
      if (page.unchanged) set({ notificationState, error: null });
      else {
        lastArgs = argsText;
        set({ page, notificationState, error: null, ...placeCursor(get(), page, args.cursor) });
      }
    } catch (err) {
      set({ error: (err as Error).message });
    } finally {
      listInFlight = false;
      lastLoadEnd = performance.now();
      lastLoadMs = lastLoadEnd - started;
    }
    if (listAgain) {
      listAgain = false;
      await get().load();
    }
  },
  setFilter(text) {
    set({ filterText: text, filter: parseFilter(text) });
    void get().load();
  },
  toggleGroup(key) {
    const collapsed = new Set(get().collapsed);
    if (collapsed.has(key)) collapsed.delete(key);
    else collapsed.add(key);
    set({ collapsed });
    void get().load();
  },
  setRange(range) {
    const now = get().range;
    if (now.offset === range.offset && now.limit === range.limit) return;
    set({ range });
    void get().load();
  },
  setCursor(key, index) {
    if (index !== undefined) return set({ cursorKey: key, cursorIndex: index });
    set({ cursorKey: key });
    void get().load();
  },
  select(fingerprint) {
    if (fingerprint === get().selected) return;
    set({ selected: fingerprint, detail: null, detailGone: false, notice: null, form: null });
    if (fingerprint) void get().loadDetail();
  },
  async loadDetail() {
    const fingerprint = get().selected;
    if (!fingerprint) return;
    const result = await api.invoke('alerts:get', { fingerprint });
    if (get().selected !== fingerprint) return;
    if (result.ok) set({ detail: result.value, detailGone: false });
    else if (result.error.code === 'not_found') set({ detailGone: true });
    else set({ error: result.error.message });
  },
  async loadSilences() {
    try {
      set({ silences: await call('alerts:silences') });
    } catch (err) {
      set({ error: (err as Error).message });
    }
  },
  async act(what, run) {
    try {
      const value = await run();
      set({ notice: what, error: null });
      await Promise.all([get().load(), get().loadDetail(), get().silences ? get().loadSilences() : undefined]);
      return value;
    } catch (err) {
      set({ error: `${what} failed: ${(err as Error).message}` });
      return null;
    }
  },
  async pause(until) {
    await get().act(until === null ? 'Notifications resumed' : 'Notifications paused', async () => {
      set({ notificationState: await call('alerts:pause-notifications', { until }) });
    });
  },
  async ackEscalation(prompt) {
    const done = await get().act(`Escalation to level ${prompt.level} journaled`, () => call('alerts:escalated', { fingerprint: prompt.fingerprint, level: prompt.level }));
    if (done) get().dismissEscalation(prompt);
  },
  dismissEscalation(prompt) {
    set({ escalations: get().escalations.filter((p) => !(p.fingerprint === prompt.fingerprint && p.level === prompt.level)) });
  },
}));

/**
 * The cursor after a new page: where the core found the cursor's row, else the same place (its row left
 * the list); the key is taken from the row now at that place when the page holds it.
 */
function placeCursor(state: Pick<AlertsStore, 'cursorKey' | 'cursorIndex'>, page: AlertRowsPage, asked: string | undefined): Pick<AlertsStore, 'cursorKey' | 'cursorIndex'> {
  let { cursorKey, cursorIndex } = state;
  // The cursor moved while this page was on its way: its index is newer than the page's answer.
  if (asked !== undefined && asked === cursorKey) {
    if (page.cursorIndex >= 0) cursorIndex = page.cursorIndex;
    else cursorKey = null;
  }
  cursorIndex = Math.max(0, Math.min(page.count - 1, cursorIndex));
  cursorKey ??= page.rows[cursorIndex - page.offset]?.key ?? null;
  return { cursorKey, cursorIndex };
}

/** Acknowledge, snooze and the other actions that take fingerprints, named for the action bar and the keys. */
export const alertActions = {
  ack: (fingerprints: string[]) => useAlerts.getState().act(`Acknowledged ${fingerprints.length}`, () => call('alerts:ack', { fingerprints })),
  unack: (fingerprints: string[]) => useAlerts.getState().act(`Unacknowledged ${fingerprints.length}`, () => call('alerts:unack', { fingerprints })),
  snooze: (fingerprints: string[], durationMs: number) => useAlerts.getState().act(`Snoozed ${fingerprints.length}`, () => call('alerts:snooze', { fingerprints, durationMs })),
  silence: (input: Input<'alerts:silence'>) => useAlerts.getState().act('Silence created', () => call('alerts:silence', input)),
  expire: (id: string, origin: string) => useAlerts.getState().act('Silence expired', () => call('alerts:expire-silence', { id, origin })),
  openIncident: (input: Input<'alerts:open-incident'>) => useAlerts.getState().act(input.incidentId ? `Attached to ${input.incidentId}` : 'Incident opened', () => call('alerts:open-incident', input)),
};

let subscribed = false;

/** Subscribes once at startup, so escalation prompts that arrive on another screen wait on the Alerts screen. */
export function subscribeAlerts(): void {
  if (subscribed) return;
  subscribed = true;
  let detailTimer: ReturnType<typeof setTimeout> | null = null;
  let listTimer: ReturnType<typeof setTimeout> | null = null;
  api.on('alerts:changed', () => {
    const store = useAlerts.getState();
    // Nobody looked at the list yet: nothing to keep fresh.
    if (store.page === null) return;
    // Refetch at most as often as keeps the page idle three quarters of the time, should a window of
    // rows ever be slow to fetch: 100 changes per second must not turn into a frozen tab.
    const gap = Math.max(200, 3 * lastLoadMs);
    listTimer ??= setTimeout(
      () => {
        listTimer = null;
        void useAlerts.getState().load();
      },
      Math.max(0, lastLoadEnd + gap - performance.now()),
    );
    detailTimer ??= setTimeout(() => {
      detailTimer = null;
      void useAlerts.getState().loadDetail();
      if (useAlerts.getState().silences) void useAlerts.getState().loadSilences();
    }, 1000);
  });
  ringInPage(face, (event, listener) => api.on(event, listener), playCue);
  api.on('alerts:escalation', (payload) => {
    const prompt: EscalationPrompt = { ...payload, at: Date.now() };
    useAlerts.setState((s) => ({ escalations: [...s.escalations.filter((p) => !(p.fingerprint === payload.fingerprint && p.level === payload.level)), prompt].slice(-10) }));
  });
}
