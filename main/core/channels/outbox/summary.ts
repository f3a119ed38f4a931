import type { OutgoingMessage } from '../message';

/** One line about a message for lists and timelines: the group and its status, or the text's title. */
export function summarize(message: OutgoingMessage): string {
  if (message.kind === 'text') return message.message.title;
  const d = message.data;
  const firing = d.alerts.filter((a) => a.status === 'firing').length;
  const resolved = d.alerts.length - firing;
  const name = d.commonLabels.alertname ?? d.groupLabels.alertname ?? Object.entries(d.groupLabels).map(([k, v]) => `${k}=${v}`).join(', ');
  const counts = [firing ? `${firing} firing` : '', resolved ? `${resolved} resolved` : ''].filter(Boolean).join(', ');
  return `[${d.status.toUpperCase()}] ${name || 'alerts'} (${counts || 'no alerts'})`;
}
