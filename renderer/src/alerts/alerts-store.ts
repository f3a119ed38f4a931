// Alert state for the Alerts screen: the decorated list from the core, the filter, the cursor and the
// open detail. The core pushes `alerts:changed` (already throttled); the store refetches at most one list
// at a time, so a burst of 100 changes per second costs a handful of round trips.
import { create } from 'zustand';
import type { AlertDetail, AlertsEvents, AlertsList, Input, NotificationState, SilenceView } from '../../../preload/contract';
import { api, call, face } from '../api/client';
import { parseFilter, type AlertFilter } from './logic/filter';
import { ringInPage } from './logic/ring';
import { playCue } from './sound';

export type EscalationPrompt = AlertsEvents['alerts:escalation'] & { at: number };

/** The action form open under the detail (or, for a silence from the filter, above the list). */
export type ActionForm = { kind: 'silence'; matchers: string } | { kind: 'incident' } | { kind: 'snooze' } | null;

interface AlertsStore {
  list: AlertsList | null;
  error: string | null;
  filterText: string;
  filter: AlertFilter;
  collapsed: ReadonlySet<string>;
  /** The row under the keyboard cursor (group key or `group|fingerprint`). */
  cursorKey: string | null;
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
  setCursor: (key: string | null) => void;
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

export const useAlerts = create<AlertsStore>((set, get) => ({
  list: null,
  error: null,
  filterText: '',
  filter: parseFilter(''),
  collapsed: new Set(),
  cursorKey: null,
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
      const [list, notificationState] = await Promise.all([call('alerts:list'), call('alerts:notification-state')]);
      set({ list, notificationState, error: null });
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
  },
  toggleGroup(key) {
    const collapsed = new Set(get().collapsed);
    if (collapsed.has(key)) collapsed.delete(key);
    else collapsed.add(key);
    set({ collapsed });
  },
  setCursor(key) {
    set({ cursorKey: key });
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
    if (store.list === null) return;
    // Refetch at most as often as keeps the page idle three quarters of the time: a 10,000-alert list
    // costs ~100 ms to receive and parse, and 100 changes per second must not turn into a frozen tab.
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
