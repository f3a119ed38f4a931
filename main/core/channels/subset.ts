import type { NotificationAlert, NotificationData } from './message';

/**
 * The notification data for a subset of a group's alerts, as Alertmanager builds it after it drops
 * alerts (resolved ones for an integration without send_resolved, those past a webhook's
 * max_alerts): status, common labels and common annotations are those of the alerts kept.
 */
export function dataForAlerts(data: NotificationData, alerts: NotificationAlert[]): NotificationData {
  if (alerts.length === data.alerts.length) return data;
  const common = (pick: (a: NotificationAlert) => Record<string, string>) => {
    const [first, ...rest] = alerts.map(pick);
    return Object.fromEntries(Object.entries(first ?? {}).filter(([k, v]) => rest.every((m) => m[k] === v)));
  };
  return {
    ...data,
    status: alerts.some((a) => a.status === 'firing') ? 'firing' : 'resolved',
    alerts,
    commonLabels: common((a) => a.labels),
    commonAnnotations: common((a) => a.annotations),
  };
}
