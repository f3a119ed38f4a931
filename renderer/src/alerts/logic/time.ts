// Durations and times for the alert actions. Pure: every function takes `now`, none reads the clock.

const units: Record<string, number> = { s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000, w: 7 * 86_400_000 };

/** `90s`, `30m`, `1h30m`, `2d` (Alertmanager/Prometheus style) to milliseconds; null when unreadable. */
export function parseDuration(text: string): number | null {
  const src = text.trim().toLowerCase().replace(/\s+/g, '');
  if (!/^(\d+(s|m|h|d|w))+$/.test(src)) return null;
  let total = 0;
  for (const [, n, unit] of src.matchAll(/(\d+)(s|m|h|d|w)/g)) total += Number(n) * units[unit!]!;
  return total > 0 ? total : null;
}

/** The next local `hour:00` strictly after `now` ("pause until 08:00" at 07:59 means today, at 08:00 tomorrow). */
export function nextLocalTime(now: number, hour: number, minute = 0): number {
  const d = new Date(now);
  d.setHours(hour, minute, 0, 0);
  if (d.getTime() <= now) d.setDate(d.getDate() + 1);
  return d.getTime();
}

/** `3 min`, `2 h 05 min`, `4 d` between two instants, for "in …" and "… ago". */
export function span(ms: number): string {
  const s = Math.round(Math.abs(ms) / 1000);
  if (s < 60) return `${s} s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m} min`;
  const h = Math.floor(m / 60);
  if (h < 48) return m % 60 ? `${h} h ${String(m % 60).padStart(2, '0')} min` : `${h} h`;
  return `${Math.floor(h / 24)} d`;
}

export function relative(at: number | null, now: number): string {
  if (at === null) return '–';
  return at > now ? `in ${span(at - now)}` : `${span(now - at)} ago`;
}

/** `YYYY-MM-DDTHH:MM` in local time, the value of an `<input type="datetime-local">`. */
export function toLocalInput(at: number): string {
  const d = new Date(at);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/** Reads a silence end given as a duration from now (`2h`) or a local date-time; explains what is wrong. */
export function silenceEnd(text: string, now: number): { endsAt: number } | { error: string } {
  const duration = parseDuration(text);
  if (duration !== null) return { endsAt: now + duration };
  const m = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})$/.exec(text.trim());
  if (!m) return { error: 'write a duration such as 2h or 1d, or a local time such as 2026-11-24 08:00' };
  const at = new Date(Number(m[1]), Number(m[2]) - 1, Number(m[3]), Number(m[4]), Number(m[5])).getTime();
  if (!Number.isFinite(at)) return { error: `not a date: ${text}` };
  if (at <= now) return { error: 'the end time is in the past' };
  return { endsAt: at };
}
