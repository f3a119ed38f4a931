import type { TargetHealth } from '../../../preload/contract';

export const healthLabel: Record<TargetHealth, string> = { up: 'up', down: 'down', unknown: 'unknown', stale: 'stale' };

/** "12 s ago", "3 min ago": how fresh a check is matters more than its exact time. */
export function ago(at: number | null, now = Date.now()): string {
  if (at === null) return 'never';
  const s = Math.max(0, Math.round((now - at) / 1000));
  if (s < 60) return `${s} s ago`;
  if (s < 3600) return `${Math.floor(s / 60)} min ago`;
  if (s < 86_400) return `${Math.floor(s / 3600)} h ago`;
  return `${Math.floor(s / 86_400)} d ago`;
}

export function certText(expiresAt: number | null, now = Date.now()): string {
  if (expiresAt === null) return '—';
  const days = (expiresAt - now) / 86_400_000;
  return days < 0 ? 'expired' : `${days.toFixed(days < 10 ? 1 : 0)} d`;
}

export function certClass(expiresAt: number | null, now = Date.now()): string {
  if (expiresAt === null) return '';
  const days = (expiresAt - now) / 86_400_000;
  return days < 7 ? 'crit' : days < 14 ? 'warn' : '';
}

export function percent(value: number | null, digits = 2): string {
  return value === null ? '—' : `${value.toFixed(digits)} %`;
}

export function ms(value: number | null): string {
  return value === null ? '—' : `${Math.round(value)} ms`;
}
