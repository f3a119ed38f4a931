import { useEffect, useState } from 'react';
import type { NotificationPayload } from '../../../preload/contract';
import { call } from '../api/client';
import { useAppStore } from '../state/app-store';

/** Alert notifications point at `#/alerts/<fingerprint>` (or `#/alerts` for a group); those can be acknowledged from the toast. */
const isAlertToast = (t: NotificationPayload) => /^#\/alerts(\/|$)/.test(t.route ?? '');

/** In-page notifications (browser mode, and a mirror of desktop ones). Critical ones stay until dismissed. */
export function Toasts() {
  const toasts = useAppStore((s) => s.toasts);
  const dismiss = useAppStore((s) => s.dismissToast);
  const setError = useAppStore((s) => s.setError);
  const [acking, setAcking] = useState<string | null>(null);
  useEffect(() => {
    const timers = toasts.filter((t) => t.severity !== 'critical').map((t) => setTimeout(() => dismiss(t.id), 8000));
    return () => timers.forEach(clearTimeout);
  }, [toasts, dismiss]);
  const acknowledge = (t: NotificationPayload) => {
    setAcking(t.id);
    call('alerts:ack-notification', { notificationId: t.id })
      .then(() => dismiss(t.id))
      .catch((err: Error) => setError(`Acknowledge failed: ${err.message}`))
      .finally(() => setAcking(null));
  };
  return (
    <div className="toasts" aria-live="assertive">
      {toasts.map((t) => (
        <div key={t.id} className={`toast sev-${t.severity}`} role="alert" data-testid="toast">
          {t.route ? (
            <a className="toast-title" href={t.route} onClick={() => dismiss(t.id)}>
              <strong>{t.title}</strong>
            </a>
          ) : (
            <strong>{t.title}</strong>
          )}
          <p>{t.body}</p>
          <div className="toast-actions">
            {isAlertToast(t) && (
              <button type="button" className="primary" disabled={acking === t.id} onClick={() => acknowledge(t)}>
                Acknowledge
              </button>
            )}
            {t.route && (
              <a href={t.route} onClick={() => dismiss(t.id)}>
                Open
              </a>
            )}
            <button type="button" onClick={() => dismiss(t.id)}>
              Dismiss
            </button>
          </div>
        </div>
      ))}
    </div>
  );
}
