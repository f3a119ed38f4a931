import { afterEach, describe, expect, it } from 'vitest';
import { parseAlertmanagerText } from '../../../main/core/alerts/am/load';
import { containsTime, timeMuted, type TimeInterval } from '../../../main/core/alerts/am/time-intervals';
import { alertingHarness, makeAlert } from './harness';

const min = 60_000;
const hour = 60 * min;

/** The named time intervals of an alertmanager.yml snippet, read the way the console reads the file. */
function intervals(yaml: string): Map<string, TimeInterval[]> {
  const r = parseAlertmanagerText(`route: { receiver: a }\nreceivers: [{ name: a }]\n${yaml}`, 'am.yml');
  if (!r.ok) throw new Error(JSON.stringify(r.issues));
  return new Map(Object.entries(r.settings.timeIntervals));
}

const at = (iso: string) => Date.parse(iso);

describe('time intervals as Alertmanager evaluates them', () => {
  const ti = intervals(`time_intervals:
  - name: office
    time_intervals:
      - times: [{ start_time: '09:00', end_time: '17:30' }]
        weekdays: ['monday:friday']
        location: Europe/Brussels
  - name: month-end
    time_intervals:
      - days_of_month: ['-3:-1']
  - name: first-31st
    time_intervals:
      - days_of_month: ['31']
  - name: xmas
    time_intervals:
      - months: ['december']
        days_of_month: ['24:26']
        years: ['2026']
  - name: whole-day
    time_intervals:
      - times: [{ start_time: '00:00', end_time: '24:00' }]
        weekdays: [saturday, Sunday]
        location: UTC
`);
  const inside = (name: string, iso: string) => ti.get(name)!.some((t) => containsTime(t, at(iso)));

  it('times are [start, end) in the interval zone, weekdays inclusive', () => {
    // 2026-11-23 is a Monday; Brussels is UTC+1 in November.
    expect(inside('office', '2026-11-23T08:00:00Z')).toBe(true); // 09:00 local
    expect(inside('office', '2026-11-23T07:59:00Z')).toBe(false);
    expect(inside('office', '2026-11-23T16:29:00Z')).toBe(true); // 17:29 local
    expect(inside('office', '2026-11-23T16:30:00Z')).toBe(false); // 17:30 local: end excluded
    expect(inside('office', '2026-11-27T10:00:00Z')).toBe(true); // Friday
    expect(inside('office', '2026-11-28T10:00:00Z')).toBe(false); // Saturday
    // Summer time moves the window: 09:00 in July is 07:00 UTC.
    expect(inside('office', '2026-07-01T07:00:00Z')).toBe(true);
  });

  it('negative days count from the month end; a day the month lacks never matches', () => {
    expect(inside('month-end', '2026-02-26T12:00:00Z')).toBe(true); // Feb has 28 days: 26..28
    expect(inside('month-end', '2026-02-25T12:00:00Z')).toBe(false);
    expect(inside('month-end', '2026-01-29T12:00:00Z')).toBe(true); // Jan: 29..31
    expect(inside('month-end', '2026-01-28T12:00:00Z')).toBe(false);
    expect(inside('first-31st', '2026-01-31T12:00:00Z')).toBe(true);
    expect(inside('first-31st', '2026-04-30T12:00:00Z')).toBe(false);
  });

  it('months, days and years together; 24:00 ends the day; weekday names in any case', () => {
    expect(inside('xmas', '2026-12-25T12:00:00Z')).toBe(true);
    expect(inside('xmas', '2026-12-27T12:00:00Z')).toBe(false);
    expect(inside('xmas', '2027-12-25T12:00:00Z')).toBe(false);
    expect(inside('whole-day', '2026-11-29T23:59:00Z')).toBe(true); // Sunday, 23:59 UTC
  });

  it('mute intervals hold, active intervals must include the moment; neither is inherited', () => {
    const route = { muteTimeIntervals: ['xmas'], activeTimeIntervals: ['office'] };
    expect(timeMuted(route, ti, at('2026-11-23T10:00:00Z'))).toEqual({ muted: false });
    expect(timeMuted(route, ti, at('2026-11-23T20:00:00Z'))).toMatchObject({ muted: true, reason: expect.stringContaining('active') as string });
    expect(timeMuted(route, ti, at('2026-12-24T10:00:00Z'))).toMatchObject({ muted: true, reason: expect.stringContaining('xmas') as string });
    expect(timeMuted({ muteTimeIntervals: [], activeTimeIntervals: [] }, ti, at('2026-12-24T10:00:00Z'))).toEqual({ muted: false });
  });
});

describe('a route muted by a time interval, with a fake clock', () => {
  let h: ReturnType<typeof alertingHarness> | undefined;
  afterEach(() => h?.close());

  it('holds the notification inside the interval and sends it at the first flush after', () => {
    // The harness clock starts on Monday 2026-11-23 09:00 UTC.
    h = alertingHarness(`alerting:
  route:
    routes:
      - matchers: ['team="db"']
        mute_time_intervals: [morning]
  time_intervals:
    - name: morning
      time_intervals:
        - times: [{ start_time: '00:00', end_time: '10:00' }]
          location: UTC
`);
    h.publish([makeAlert({ alertname: 'DiskFull', team: 'db', severity: 'critical' }), makeAlert({ alertname: 'ApiDown', team: 'web', severity: 'critical' })]);
    h.clock.advance(1 * min);
    // Routing is unchanged (both alerts are in their groups); only the db route stays quiet.
    expect(h.delivered().map((n) => n.title)).toEqual([expect.stringContaining('ApiDown') as string]);
    h.clock.advance(55 * min); // 09:56: still inside
    expect(h.delivered().filter((n) => n.title.includes('DiskFull'))).toHaveLength(0);
    h.clock.advance(10 * min); // past 10:00: the next group_interval flush sends it
    const disk = h.delivered().filter((n) => n.title.includes('DiskFull'));
    expect(disk).toHaveLength(1);
    expect(new Date(disk[0]!.at).getUTCHours()).toBe(10);
  });

  it('an active interval lets notifications out only inside it', () => {
    h = alertingHarness(`alerting:
  route:
    routes:
      - matchers: ['team="db"']
        active_time_intervals: [late]
  time_intervals:
    - name: late
      time_intervals:
        - times: [{ start_time: '11:00', end_time: '12:00' }]
          location: UTC
`);
    h.publish([makeAlert({ alertname: 'DiskFull', team: 'db', severity: 'critical' })]);
    h.clock.advance(1 * hour + 30 * min);
    expect(h.delivered()).toHaveLength(0);
    h.clock.advance(1 * hour);
    expect(h.delivered()).toHaveLength(1);
  });
});
