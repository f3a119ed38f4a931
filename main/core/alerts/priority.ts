import type { Alert, Priority } from '../../../preload/contract';

const bySeverity: Record<string, Priority> = {
  critical: 'P1',
  page: 'P1',
  emergency: 'P1',
  high: 'P2',
  error: 'P2',
  warning: 'P2',
  medium: 'P3',
  minor: 'P3',
  low: 'P4',
  info: 'P4',
  none: 'P4',
};

/** Incident priority from an alert's labels: an explicit `priority` label wins, then `severity`. */
export function priorityOf(labels: Record<string, string>): Priority {
  const explicit = (labels.priority ?? '').toUpperCase();
  if (explicit === 'P1' || explicit === 'P2' || explicit === 'P3' || explicit === 'P4') return explicit;
  const severity = (labels.severity ?? '').toLowerCase();
  if (severity === 'p1' || severity === 'p2' || severity === 'p3' || severity === 'p4') return severity.toUpperCase() as Priority;
  return bySeverity[severity] ?? 'P3';
}

export function priorityRank(p: Priority): number {
  return p === 'P1' ? 0 : p === 'P2' ? 1 : p === 'P3' ? 2 : 3;
}

/** What a notification looks like to the OS: only P1 is critical (breaks through quiet hours). */
export function notificationSeverity(p: Priority): 'critical' | 'warning' | 'info' {
  return p === 'P1' ? 'critical' : p === 'P2' ? 'warning' : 'info';
}

export function alertTitle(alert: Pick<Alert, 'labels' | 'annotations'>): string {
  const name = alert.labels.alertname ?? 'alert';
  const where = alert.labels.service ?? alert.labels.instance ?? alert.labels.job ?? alert.labels.target;
  const summary = alert.annotations.summary;
  if (summary) return `${name}: ${summary}`;
  return where ? `${name} (${where})` : name;
}
