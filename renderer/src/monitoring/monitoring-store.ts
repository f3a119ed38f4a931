import { create } from 'zustand';
import type { HistorySeries, ProbesSnapshot, SloReport } from '../../../preload/contract';
import { api, call } from '../api/client';

interface MonitoringStore {
  snapshot: ProbesSnapshot | null;
  slos: SloReport[];
  selected: string | null;
  series: HistorySeries | null;
  error: string | null;
  load: () => Promise<void>;
  select: (target: string | null) => void;
  refreshSeries: () => Promise<void>;
}

/** Probe state for the Dashboard: pushed by `monitoring:targets-changed`, never polled per target. */
export const useMonitoringStore = create<MonitoringStore>((set, get) => ({
  snapshot: null,
  slos: [],
  selected: null,
  series: null,
  error: null,
  async load() {
    try {
      const [snapshot, slos] = await Promise.all([call('monitoring:targets'), call('monitoring:slos')]);
      set({ snapshot, slos, error: null });
      if (get().selected === null && snapshot.targets[0]) get().select(snapshot.targets[0].name);
    } catch (err) {
      set({ error: (err as Error).message });
    }
  },
  select(target) {
    set({ selected: target, series: null });
    void get().refreshSeries();
  },
  async refreshSeries() {
    const target = get().selected;
    if (!target) return;
    try {
      const series = await call('monitoring:history', { target });
      if (get().selected === target) set({ series });
    } catch (err) {
      set({ error: (err as Error).message });
    }
  },
}));

let subscribed = false;
let lastSeries = 0;
let lastSlos = 0;

/** Subscribes once; charts and SLOs refresh at most every few seconds, whatever the probe rate. */
export function subscribeMonitoring(): void {
  if (subscribed) return;
  subscribed = true;
  // PromQL SLOs change without any probe running, so they are also fetched on a slow timer of their own.
  setInterval(() => {
    if (Date.now() - lastSlos < 9_000) return;
    lastSlos = Date.now();
    call('monitoring:slos').then((slos) => useMonitoringStore.setState({ slos }), () => undefined);
  }, 10_000);
  api.on('monitoring:targets-changed', (snapshot) => {
    const store = useMonitoringStore.getState();
    useMonitoringStore.setState({ snapshot });
    if (store.selected === null && snapshot.targets[0]) store.select(snapshot.targets[0].name);
    if (store.selected !== null && !snapshot.targets.some((t) => t.name === store.selected)) store.select(snapshot.targets[0]?.name ?? null);
    const now = Date.now();
    if (now - lastSeries > 2_000) {
      lastSeries = now;
      void useMonitoringStore.getState().refreshSeries();
    }
    if (now - lastSlos > 10_000) {
      lastSlos = now;
      call('monitoring:slos').then((slos) => useMonitoringStore.setState({ slos }), () => undefined);
    }
  });
}
