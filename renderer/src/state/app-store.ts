import { create } from 'zustand';
import type { AppInfo, ConfigState, DemoStatus, MonitoringState, NotificationPayload } from '../../../preload/contract';
import { api, call } from '../api/client';

interface AppStore {
  info: AppInfo | null;
  config: ConfigState | null;
  demo: DemoStatus | null;
  monitoring: MonitoringState;
  connected: boolean;
  toasts: NotificationPayload[];
  /** The last error a user action produced, shown in the status bar until dismissed. */
  error: string | null;
  load: () => Promise<void>;
  setError: (error: string | null) => void;
  dismissToast: (id: string) => void;
}

export const useAppStore = create<AppStore>((set) => ({
  info: null,
  config: null,
  demo: null,
  monitoring: { paused: false },
  connected: true,
  toasts: [],
  error: null,
  async load() {
    try {
      const [info, config, demo, monitoring] = await Promise.all([call('app:info'), call('config:get'), call('demo:status'), call('monitoring:state')]);
      set({ info, config, demo, monitoring, error: null });
    } catch (err) {
      set({ error: (err as Error).message });
    }
  },
  setError: (error) => set({ error }),
  dismissToast: (id) => set((s) => ({ toasts: s.toasts.filter((t) => t.id !== id) })),
}));

/** Keeps the store in step with the core's events; called once at startup. */
export function subscribeAppEvents(): void {
  api.on('config:changed', (config) => useAppStore.setState({ config }));
  api.on('demo:changed', (demo) => useAppStore.setState({ demo }));
  api.on('monitoring:changed', (monitoring) => useAppStore.setState({ monitoring }));
  api.on('notification:show', (toast) => {
    useAppStore.setState((s) => ({ toasts: [...s.toasts.filter((t) => t.id !== toast.id), toast].slice(-5) }));
    // Browser mode: also a system notification where the user allowed them.
    if (!window.oncall && 'Notification' in window && Notification.permission === 'granted') {
      const shown = new Notification(toast.title, { body: toast.body, tag: toast.id });
      // Clicking the system notification brings this tab forward on the alert it is about.
      shown.onclick = () => {
        window.focus();
        if (toast.route) location.hash = toast.route;
        shown.close();
      };
    }
  });
  const ws = api as { onConnectionChange?: (connected: boolean) => void };
  if ('onConnectionChange' in ws) {
    ws.onConnectionChange = (connected) => {
      useAppStore.setState({ connected });
      if (connected) void useAppStore.getState().load();
    };
  }
}
