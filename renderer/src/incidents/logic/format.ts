// Time and text formatting shared by the incident views. Pure functions of their arguments (no Date.now()).
import type { DecisionData } from '../../../../preload/contract';

const pad = (n: number) => String(n).padStart(2, '0');

/** Local wall-clock `HH:MM`, the decision-log time format. */
export function hhmm(at: number): string {
  const d = new Date(at);
  return `${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/** Local `YYYY-MM-DD HH:MM`. */
export function dateTime(at: number): string {
  const d = new Date(at);
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${hhmm(at)}`;
}

/** A running clock: `1:02:03`, `4:05`, or `2d 3:04:05` past a day. */
export function clock(ms: number): string {
  const total = Math.max(0, Math.floor(ms / 1000));
  const days = Math.floor(total / 86_400);
  const h = Math.floor((total % 86_400) / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  const hms = h > 0 || days > 0 ? `${h}:${pad(m)}:${pad(s)}` : `${m}:${pad(s)}`;
  return days > 0 ? `${days}d ${hms}` : hms;
}

/** Coarse human duration: `45 s`, `17 min`, `3 h 05 min`, `2 d 4 h`. */
export function humanDuration(ms: number | null): string {
  if (ms === null) return '–';
  const s = Math.max(0, Math.round(ms / 1000));
  if (s < 60) return `${s} s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m} min`;
  const h = Math.floor(m / 60);
  if (h < 48) return `${h} h ${pad(m % 60)} min`;
  return `${Math.floor(h / 24)} d ${h % 24} h`;
}

/** The seed 002 decision-log line: `[HH:MM] action, expectation, result, next`. */
export function decisionLine(at: number, d: DecisionData): string {
  return `[${hhmm(at)}] ${[d.action, d.expectation, d.result ?? '–', d.next ?? '–'].join(', ')}`;
}

export function isDecisionData(data: Record<string, unknown> | null): data is Record<string, unknown> & DecisionData {
  return !!data && typeof data.action === 'string' && typeof data.expectation === 'string';
}

export type UpdateNag = 'none' | 'due' | 'overdue';

/**
 * Seed 002 section 5: P1/P2 need an internal update every 15-30 minutes. Past 15 minutes the IC is
 * reminded; past 30 the reminder turns red. Resolved and closed incidents are never nagged.
 */
export function updateNag(severity: string, status: string, sinceLastMs: number): UpdateNag {
  if (severity !== 'P1' && severity !== 'P2') return 'none';
  if (status === 'resolved' || status === 'closed') return 'none';
  if (sinceLastMs >= 30 * 60_000) return 'overdue';
  if (sinceLastMs >= 15 * 60_000) return 'due';
  return 'none';
}
