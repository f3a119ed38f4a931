// Where an alert's links lead inside the app.
import type { AlertView, RunbookLink } from '../../../../preload/contract';

/** A local runbook opens in the Runbooks screen with the alert's label values as parameters. */
export function runbookRoute(link: Extract<RunbookLink, { kind: 'local' }>): string {
  const query = new URLSearchParams(link.params).toString();
  return `#/runbooks/${encodeURIComponent(link.id)}${query ? `?${query}` : ''}`;
}

/** Matchers that pick out exactly this alert: all of its labels, as Alertmanager's "silence" button does. */
export function matchersForAlert(alert: Pick<AlertView, 'labels'>): string {
  return Object.keys(alert.labels)
    .sort()
    .map((k) => `${k}=${JSON.stringify(alert.labels[k])}`)
    .join(' ');
}
