import { useEffect } from 'react';
import { useAppStore } from '../state/app-store';

/** In-page notifications (browser mode, and a mirror of desktop ones). Critical ones stay until dismissed. */
export function Toasts() {
  const toasts = useAppStore((s) => s.toasts);
  const dismiss = useAppStore((s) => s.dismissToast);
  useEffect(() => {
    const timers = toasts.filter((t) => t.severity !== 'critical').map((t) => setTimeout(() => dismiss(t.id), 8000));
    return () => timers.forEach(clearTimeout);
  }, [toasts, dismiss]);
  return (
    <div className="toasts" aria-live="assertive">
      {toasts.map((t) => (
        <div key={t.id} className={`toast sev-${t.severity}`} role="alert">
          <strong>{t.title}</strong>
          <p>{t.body}</p>
          <div className="toast-actions">
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
