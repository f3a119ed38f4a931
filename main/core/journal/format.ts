import type { DecisionData, IncidentStatus } from '../../../preload/contract/incidents';

const pad = (n: number) => String(n).padStart(2, '0');

/** `HH:MM` in UTC: journals are shared across time zones, so exports say UTC explicitly. */
export function hhmm(at: number): string {
  const d = new Date(at);
  return `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}`;
}

export function isoMinute(at: number): string {
  return `${new Date(at).toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

/** The seed 002 decision-log line without the time: `action; expected: …; result: …; next: …`. */
export function decisionText(d: DecisionData): string {
  return `${d.action}; expected: ${d.expectation}; result: ${d.result ?? 'pending'}; next: ${d.next ?? '-'}`;
}

export function statusText(from: IncidentStatus | null, to: IncidentStatus, note?: string): string {
  const head = from ? `Status ${from} → ${to}` : `Incident opened (${to})`;
  return note ? `${head}: ${note}` : head;
}

export function durationText(ms: number): string {
  const minutes = Math.round(ms / 60_000);
  if (minutes < 60) return `${minutes} min`;
  const hours = Math.floor(minutes / 60);
  if (hours < 48) return `${hours} h ${minutes % 60} min`;
  return `${Math.floor(hours / 24)} d ${hours % 24} h`;
}
