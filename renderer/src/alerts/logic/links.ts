// Where an alert's links lead inside the app.
import type { AlertView, RunbookLink } from '../../../../preload/contract';

/**
 * A local runbook opens in the Runbooks screen with the alert's label values as parameters and, when the
 * alert is attached to an incident, that incident preselected (the runbook's steps land on its timeline).
 */
export function runbookRoute(link: Extract<RunbookLink, { kind: 'local' }>, incidentId?: string): string {
  const query = new URLSearchParams({ ...link.params, ...(incidentId && link.params.incident === undefined ? { incident: incidentId } : {}) }).toString();
  return `#/runbooks/${encodeURIComponent(link.id)}${query ? `?${query}` : ''}`;
}

/** Matchers that pick out exactly this alert: all of its labels, as Alertmanager's "silence" button does. */
export function matchersForAlert(alert: Pick<AlertView, 'labels'>): string {
  return Object.keys(alert.labels)
    .sort()
    .map((k) => `${k}=${JSON.stringify(alert.labels[k])}`)
    .join(' ');
}
