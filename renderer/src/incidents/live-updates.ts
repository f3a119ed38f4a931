// Keeps the incident views current: the core emits `incidents:changed` for writes from this app and
// from other processes (the CLI). Refetches are coalesced so a burst of writes costs one round trip.
import { api } from '../api/client';
import { useIncidentDetail } from './detail-store';
import { useIncidentList } from './list-store';

const coalesceMs = 150;

export function subscribeIncidentUpdates(): () => void {
  let timer: ReturnType<typeof setTimeout> | null = null;
  let touched = new Set<string>();
  let all = false;
  const flush = () => {
    timer = null;
    const detail = useIncidentDetail.getState();
    if (detail.id && (all || touched.has(detail.id))) void detail.reload();
    touched = new Set();
    all = false;
    useIncidentList.getState().refresh();
    void detail.loadReminders();
  };
  const offChanged = api.on('incidents:changed', ({ ids }) => {
    if (ids.length === 0) all = true;
    for (const id of ids) touched.add(id);
    timer ??= setTimeout(flush, coalesceMs);
  });
  const offReminder = api.on('incidents:reminder', () => void useIncidentDetail.getState().loadReminders());
  return () => {
    offChanged();
    offReminder();
    if (timer) clearTimeout(timer);
  };
}
