import { z } from 'zod';

/**
 * Alertmanager's time intervals (`time_intervals:` / `mute_time_intervals:`, package timeinterval):
 * parsed with its rules and evaluated as it does. They never change routing; they only decide
 * whether a route's notification goes out at a given moment.
 */

export interface Range {
  begin: number;
  end: number;
}

export interface TimeInterval {
  /** Minutes since midnight, [start, end). */
  times?: { start: number; end: number }[] | undefined;
  /** 0 = Sunday, as Go's time.Weekday. */
  weekdays?: Range[] | undefined;
  /** 1..31 or -31..-1 (counted from the month's end). */
  daysOfMonth?: Range[] | undefined;
  months?: Range[] | undefined;
  years?: Range[] | undefined;
  /** IANA zone; undefined evaluates in the machine's zone, as Alertmanager uses its own. */
  location?: string | undefined;
}

const weekdayNames = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'];
const monthNames = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'];

function splitRange(text: string): [string, string] {
  const parts = text.split(':');
  if (parts.length === 1) return [parts[0]!, parts[0]!];
  if (parts.length === 2) return [parts[0]!, parts[1]!];
  throw new Error(`invalid range: ${text}`);
}

function integer(text: string, what: string): number {
  // Go's strconv.Atoi: optional sign, decimal digits only.
  if (!/^[+-]?\d+$/.test(text)) throw new Error(`invalid ${what}: ${text}`);
  return Number(text);
}

function rangeField(parse: (text: string) => Range) {
  return z.array(z.string()).transform((items, ctx) => {
    const out: Range[] = [];
    items.forEach((item, i) => {
      try {
        out.push(parse(item));
      } catch (err) {
        ctx.addIssue({ code: 'custom', message: (err as Error).message, path: [i] });
      }
    });
    return out;
  });
}

function named(names: string[], what: string, numeric: boolean) {
  return (text: string): number => {
    const at = names.indexOf(text.toLowerCase());
    if (at >= 0) return numeric ? at + 1 : at;
    if (numeric && /^\d+$/.test(text)) {
      const n = Number(text);
      if (n >= 1 && n <= 12) return n;
      throw new Error(`${text} is not a valid month: out of range`);
    }
    throw new Error(`${text} is not a valid ${what}`);
  };
}

const weekday = named(weekdayNames, 'weekday', false);
const month = named(monthNames, 'month', true);

const weekdayRange = (text: string): Range => {
  const [a, b] = splitRange(text);
  const r = { begin: weekday(a), end: weekday(b) };
  if (r.begin > r.end) throw new Error('start day cannot be before end day');
  return r;
};

const monthRange = (text: string): Range => {
  const [a, b] = splitRange(text);
  const r = { begin: month(a), end: month(b) };
  if (r.begin > r.end) throw new Error('end month is before start month');
  return r;
};

const dayOfMonthRange = (text: string): Range => {
  const [a, b] = splitRange(text);
  const r = { begin: integer(a, 'day of month'), end: integer(b, 'day of month') };
  for (const d of [r.begin, r.end]) if (d === 0 || d < -31 || d > 31) throw new Error(`${d} is not a valid day of the month: out of range`);
  if (r.begin < 0 && r.end > 0) throw new Error('end day must be negative if start day is negative');
  // Negative days cannot be checked exactly without a month; 28 days catches the always-wrong ones.
  const begin = r.begin < 0 ? 28 + r.begin : r.begin;
  const end = r.end < 0 ? 28 + r.end : r.end;
  if (begin > end) throw new Error(`end day ${r.end} is before start day ${r.begin}`);
  return r;
};

const yearRange = (text: string): Range => {
  const [a, b] = splitRange(text);
  const r = { begin: integer(a, 'year'), end: integer(b, 'year') };
  if (r.begin > r.end) throw new Error(`end year ${r.end} is before start year ${r.begin}`);
  return r;
};

const clock = /^(([01][0-9]|2[0-3]):[0-5][0-9]|24:00)$/;
function minutes(text: string): number {
  if (!clock.test(text)) throw new Error(`couldn't parse timestamp ${text}, invalid format`);
  const [h, m] = text.split(':').map(Number);
  return h! * 60 + m!;
}

const timeRange = z
  .object({ start_time: z.string(), end_time: z.string() })
  .strict()
  .transform((t, ctx) => {
    try {
      const r = { start: minutes(t.start_time), end: minutes(t.end_time) };
      if (r.start >= r.end) throw new Error('start time cannot be equal or greater than end time');
      return r;
    } catch (err) {
      ctx.addIssue({ code: 'custom', message: (err as Error).message });
      return z.NEVER;
    }
  });

export function isKnownZone(name: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: name });
    return true;
  } catch {
    return false;
  }
}

export const timeIntervalSchema = z
  .object({
    times: z.array(timeRange).optional(),
    weekdays: rangeField(weekdayRange).optional(),
    days_of_month: rangeField(dayOfMonthRange).optional(),
    months: rangeField(monthRange).optional(),
    years: rangeField(yearRange).optional(),
    location: z
      .string()
      .superRefine((l, ctx) => {
        if (l !== '' && l !== 'Local' && l !== 'UTC' && !isKnownZone(l)) ctx.addIssue({ code: 'custom', message: `unknown time zone ${l}` });
      })
      .optional(),
  })
  .strict()
  .transform(
    (t): TimeInterval => ({
      times: t.times,
      weekdays: t.weekdays,
      daysOfMonth: t.days_of_month,
      months: t.months,
      years: t.years,
      location: t.location === 'Local' ? undefined : t.location === '' ? 'UTC' : t.location,
    }),
  );

export const namedTimeIntervalSchema = z
  .object({ name: z.string().min(1, 'missing name in time interval'), time_intervals: z.array(timeIntervalSchema).default([]) })
  .strict();

interface Moment {
  year: number;
  month: number;
  day: number;
  weekday: number;
  minute: number;
  daysInMonth: number;
}

function momentIn(at: number, zone: string | undefined): Moment {
  const parts = new Intl.DateTimeFormat('en-US', { timeZone: zone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', weekday: 'long' }).formatToParts(at);
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  const year = Number(get('year'));
  const month = Number(get('month'));
  return {
    year,
    month,
    day: Number(get('day')),
    weekday: weekdayNames.indexOf(get('weekday').toLowerCase()),
    minute: Number(get('hour')) * 60 + Number(get('minute')),
    daysInMonth: new Date(Date.UTC(year, month, 0)).getUTCDate(),
  };
}

const within = (ranges: Range[], v: number) => ranges.some((r) => v >= r.begin && v <= r.end);

/** timeinterval.TimeInterval.ContainsTime: every field that is set must hold. */
export function containsTime(ti: TimeInterval, at: number): boolean {
  const t = momentIn(at, ti.location);
  if (ti.times && !ti.times.some((r) => t.minute >= r.start && t.minute < r.end)) return false;
  if (ti.daysOfMonth) {
    const hit = ti.daysOfMonth.some((r) => {
      let begin = r.begin < 0 ? t.daysInMonth + r.begin + 1 : r.begin;
      let end = r.end < 0 ? t.daysInMonth + r.end + 1 : r.end;
      if (begin > t.daysInMonth) return false; // the 31st in a 30-day month does not exist
      begin = Math.min(Math.max(begin, -t.daysInMonth), t.daysInMonth);
      end = Math.min(Math.max(end, -t.daysInMonth), t.daysInMonth);
      return t.day >= begin && t.day <= end;
    });
    if (!hit) return false;
  }
  if (ti.months && !within(ti.months, t.month)) return false;
  if (ti.weekdays && !within(ti.weekdays, t.weekday)) return false;
  if (ti.years && !within(ti.years, t.year)) return false;
  return true;
}

/** A named interval holds when any of its entries does. */
export function intervalActive(entries: readonly TimeInterval[], at: number): boolean {
  return entries.some((ti) => containsTime(ti, at));
}

/**
 * Whether a route's notification is held at `at`, as the TimeMuteStage and TimeActiveStage decide:
 * any matching mute interval holds it; active intervals, when set, must include the moment.
 * Returns the interval that decided, for the journal.
 */
export function timeMuted(
  route: { muteTimeIntervals: readonly string[]; activeTimeIntervals: readonly string[] },
  intervals: ReadonlyMap<string, readonly TimeInterval[]>,
  at: number,
): { muted: false } | { muted: true; reason: string } {
  for (const name of route.muteTimeIntervals) if (intervalActive(intervals.get(name) ?? [], at)) return { muted: true, reason: `mute time interval "${name}"` };
  if (route.activeTimeIntervals.length === 0) return { muted: false };
  if (route.activeTimeIntervals.some((name) => intervalActive(intervals.get(name) ?? [], at))) return { muted: false };
  return { muted: true, reason: `outside active time intervals ${route.activeTimeIntervals.map((n) => `"${n}"`).join(', ')}` };
}
