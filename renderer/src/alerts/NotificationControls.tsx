// Pause notifications (30 min, 1 h, until 08:00), the browser's own notification permission, and the
// escalation prompts ("P1 unresolved for 30 min: escalate to level 2") with an "I escalated" button.
import { useState } from 'react';
import { face } from '../api/client';
import { hhmm } from '../incidents/logic/format';
import { useNow } from '../incidents/use-now';
import { useAlerts } from './alerts-store';
import { nextLocalTime, relative } from './logic/time';

export function PauseControls() {
  const { notificationState, pause } = useAlerts();
  const now = useNow(30_000);
  const pausedUntil = notificationState?.pausedUntil ?? null;
  const paused = pausedUntil !== null && pausedUntil > now;
  return (
    <div className="pause-controls" role="group" aria-label="Notifications">
      {paused ? (
        <>
          <span className="tag warn" data-testid="paused-until">
            notifications paused until {hhmm(pausedUntil)} ({relative(pausedUntil, now)})
          </span>
          <button type="button" className="small" onClick={() => void pause(null)}>
            Resume
          </button>
        </>
      ) : (
        <>
          <span className="muted small">Pause notifications:</span>
          <button type="button" className="small" onClick={() => void pause(Date.now() + 30 * 60_000)}>
            30 min
          </button>
          <button type="button" className="small" onClick={() => void pause(Date.now() + 3_600_000)}>
            1 h
          </button>
          <button type="button" className="small" onClick={() => void pause(nextLocalTime(Date.now(), 8))}>
            until 08:00
          </button>
        </>
      )}
      {notificationState?.quietHours && <span className="tag">quiet hours: only P1 pages</span>}
      <BrowserPermission />
    </div>
  );
}

/** Browser mode: system notifications need the user's permission, asked for from a click. */
function BrowserPermission() {
  const [permission, setPermission] = useState(() => (face === 'web' && 'Notification' in window ? Notification.permission : 'n/a'));
  if (permission !== 'default') return null;
  return (
    <button type="button" className="small" onClick={() => void Notification.requestPermission().then(setPermission)}>
      Enable system notifications
    </button>
  );
}

export function EscalationPrompts() {
  const { escalations, ackEscalation, dismissEscalation } = useAlerts();
  if (escalations.length === 0) return null;
  return (
    <section className="panel escalations" aria-label="Escalation reminders" data-testid="escalations">
      {escalations.map((p) => (
        <div key={`${p.fingerprint}:${p.level}`} className="escalation" role="alert">
          <strong>{p.title}</strong>
          {p.contact && (
            <span className="muted">
              {' '}
              {p.contact.phone && <a href={`tel:${p.contact.phone}`}>{p.contact.phone}</a>}
              {p.contact.phone && p.contact.chat && ' · '}
              {p.contact.chat && /^https?:\/\//.test(p.contact.chat) ? (
                <a href={p.contact.chat} target="_blank" rel="noopener noreferrer">
                  chat
                </a>
              ) : (
                p.contact.chat
              )}
            </span>
          )}
          <span className="button-row">
            <a href={`#/alerts/${p.fingerprint}`}>Open alert</a>
            <button type="button" className="small primary" onClick={() => void ackEscalation(p)}>
              I escalated
            </button>
            <button type="button" className="small" onClick={() => dismissEscalation(p)}>
              Later
            </button>
          </span>
        </div>
      ))}
    </section>
  );
}
