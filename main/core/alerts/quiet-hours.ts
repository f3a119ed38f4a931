import type { AlertingConfig } from './config';

const dayNames = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'] as const;

/** Wall-clock hour/minute/day in the given zone (the machine's when none is set). */
function localParts(now: number, timeZone: string | undefined): { minutes: number; day: (typeof dayNames)[number] } {
  const fmt = new Intl.DateTimeFormat('en-US', { timeZone, hour: '2-digit', minute: '2-digit', weekday: 'short', hourCycle: 'h23' });
  let hour = 0;
  let minute = 0;
  let day: (typeof dayNames)[number] = 'sun';
  for (const part of fmt.formatToParts(new Date(now))) {
    if (part.type === 'hour') hour = Number(part.value);
    else if (part.type === 'minute') minute = Number(part.value);
    else if (part.type === 'weekday') day = part.value.toLowerCase().slice(0, 3) as (typeof dayNames)[number];
  }
  return { minutes: hour * 60 + minute, day };
}

function toMinutes(hhmm: string): number {
  const [h, m] = hhmm.split(':').map(Number);
  return (h ?? 0) * 60 + (m ?? 0);
}

/** True inside the configured window; a window like 22:00-08:00 spans midnight and belongs to the day it starts. */
export function inQuietHours(now: number, quiet: AlertingConfig['quietHours'], timeZone?: string): boolean {
  if (!quiet) return false;
  const start = toMinutes(quiet.start);
  const end = toMinutes(quiet.end);
  const { minutes, day } = localParts(now, timeZone);
  if (start === end) return false;
  const spansMidnight = start > end;
  const inside = spansMidnight ? minutes >= start || minutes < end : minutes >= start && minutes < end;
  if (!inside || !quiet.days) return inside;
  // After midnight in a spanning window, the window started the day before.
  const startedOn = spansMidnight && minutes < end ? dayNames[(dayNames.indexOf(day) + 6) % 7]! : day;
  return quiet.days.includes(startedOn);
}

/** "Until tomorrow 08:00" for the tray, in the machine's local time. */
export function nextLocalTime(now: number, hour: number, minute = 0): number {
  const d = new Date(now);
  d.setHours(hour, minute, 0, 0);
  if (d.getTime() <= now) d.setDate(d.getDate() + 1);
  return d.getTime();
}
