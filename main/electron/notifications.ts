import type { Notification, NotificationConstructorOptions } from 'electron';
import type { NotificationPayload, Result } from '../../preload/contract';

export interface NotifierDeps {
  createNotification(options: NotificationConstructorOptions): Notification;
  isSupported(): boolean;
  /** Calls the core (the same entry point as IPC). */
  invoke(method: 'alerts:ack-notification', input: { notificationId: string }): Promise<Result<unknown>>;
  showWindow(route?: string): void;
  platform: NodeJS.Platform;
}

/**
 * Native desktop notifications with Acknowledge and Open actions where the OS shows actions (macOS;
 * Windows and Linux ignore them, and the click still opens the alert). Shown notifications are
 * kept referenced: a garbage-collected Notification loses its click handlers.
 */
export function createNotifier(deps: NotifierDeps): (n: NotificationPayload) => void {
  const live = new Map<string, Notification>();
  return (n) => {
    if (!deps.isSupported()) return;
    const withActions = deps.platform === 'darwin';
    const notification = deps.createNotification({
      title: n.title,
      body: n.body,
      urgency: n.severity === 'critical' ? 'critical' : 'normal',
      // The core plays the configured sound through the playSound port (and repeats it for pages); the OS one would double it.
      silent: true,
      ...(withActions
        ? {
            actions: [
              { type: 'button', text: 'Acknowledge' },
              { type: 'button', text: 'Open' },
            ],
          }
        : {}),
    });
    const forget = () => live.delete(n.id);
    notification.on('click', () => {
      deps.showWindow(n.route);
      forget();
    });
    notification.on('action', (_event, index) => {
      if (index === 0) void deps.invoke('alerts:ack-notification', { notificationId: n.id });
      else deps.showWindow(n.route);
      forget();
    });
    notification.on('close', forget);
    live.get(n.id)?.close();
    live.set(n.id, notification);
    if (live.size > 50) live.delete(live.keys().next().value ?? '');
    notification.show();
  };
}
