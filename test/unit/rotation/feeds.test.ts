import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rotationSchema } from '../../../main/core/rotation/config';
import { feedShifts } from '../../../main/core/rotation/ical';
import { whoIsOnCall } from '../../../main/core/rotation/who';

// A schedule as PagerDuty exports it (one event per shift, the person as ATTENDEE with CN), plus a
// weekly recurring shift with one week taken out (EXDATE), as calendar-based schedulers write it.
const ics = [
  'BEGIN:VCALENDAR',
  'VERSION:2.0',
  'PRODID:-//Test//On-call//EN',
  'BEGIN:VEVENT',
  'UID:shift-1',
  'DTSTART:20261203T070000Z',
  'DTEND:20261204T070000Z',
  'SUMMARY:On Call - Alice Example - Primary',
  'ATTENDEE;CN=Alice Example:mailto:alice@example.com',
  'END:VEVENT',
  'BEGIN:VEVENT',
  'UID:shift-2',
  'DTSTART:20261204T070000Z',
  'DTEND:20261205T070000Z',
  'SUMMARY:On Call - Bob Example - Primary',
  'ATTENDEE:mailto:bob@example.com',
  'END:VEVENT',
  'BEGIN:VEVENT',
  'UID:weekly-carol',
  'DTSTART;TZID=Europe/Berlin:20261109T080000',
  'DTEND;TZID=Europe/Berlin:20261109T200000',
  'RRULE:FREQ=WEEKLY;BYDAY=MO',
  'EXDATE;TZID=Europe/Berlin:20261207T080000',
  'SUMMARY:carol',
  'END:VEVENT',
  'END:VCALENDAR',
  '',
].join('\r\n');

describe('iCalendar feeds', () => {
  it('reads one shift per event, naming the attendee (CN, else the address), and expands recurrences without EXDATEs', () => {
    const from = Date.parse('2026-12-01T00:00:00Z');
    const shifts = feedShifts(ics, 'pd', 'auto', from, from + 14 * 86_400_000);
    expect(shifts.map((s) => [s.member, new Date(s.start).toISOString()])).toEqual([
      ['Alice Example', '2026-12-03T07:00:00.000Z'],
      ['bob', '2026-12-04T07:00:00.000Z'],
      ['carol', '2026-12-14T07:00:00.000Z'],
    ]);
  });

  it('takes the summary when told to', () => {
    const shifts = feedShifts(ics, 'pd', 'summary', Date.parse('2026-12-03T00:00:00Z'), Date.parse('2026-12-04T00:00:00Z'));
    expect(shifts[0]!.member).toBe('On Call - Alice Example - Primary');
  });

  it('refuses an answer that is not a calendar (a captive portal\'s login page)', () => {
    expect(() => feedShifts('<html><body>Hotel Wi-Fi login</body></html>', 'x', 'auto', 0, 1)).toThrow(/not an iCalendar file/);
  });
});

describe('whoIsOnCall with a URL feed', () => {
  let server: Server;
  let up = true;
  let requests = 0;
  let url = '';
  const dir = mkdtempSync(join(tmpdir(), 'oncall-feeds-'));

  beforeAll(async () => {
    server = createServer((_req, res) => {
      requests++;
      if (!up) {
        res.writeHead(503).end('down');
        return;
      }
      res.writeHead(200, { 'content-type': 'text/calendar' }).end(ics);
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    url = `http://127.0.0.1:${String((server.address() as AddressInfo).port)}/schedule.ics?token=s3cret`;
  });
  afterAll(() => {
    server.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('answers from the feed, keeps a copy, and answers offline from that copy, saying it is stale without printing the URL', async () => {
    const rotation = rotationSchema.parse({ me: 'bob', feeds: [{ name: 'pagerduty', url, refreshMinutes: 5 }] });
    const at = Date.parse('2026-12-03T20:00:00Z');
    let clock = Date.parse('2026-12-03T20:00:00Z');
    const deps = { now: () => clock, cacheDir: join(dir, 'cache'), configDir: dir };

    const first = await whoIsOnCall(rotation, at, deps);
    expect(first.layers[0]!.now.map((s) => s.member)).toEqual(['Alice Example']);
    expect(first.layers[0]!.next?.member).toBe('bob');
    expect(first.meOnCall).toBe(false);
    expect(first.problems).toEqual([]);
    expect(readFileSync(join(dir, 'cache', 'pagerduty.ics'), 'utf8')).toContain('shift-1');

    // Within refreshMinutes the copy is used without asking the server.
    const before = requests;
    await whoIsOnCall(rotation, at, deps);
    expect(requests).toBe(before);

    up = false;
    clock += 10 * 60_000;
    const offline = await whoIsOnCall(rotation, Date.parse('2026-12-04T12:00:00Z'), deps);
    expect(offline.layers[0]!.now.map((s) => s.member)).toEqual(['bob']);
    expect(offline.meOnCall).toBe(true);
    expect(offline.problems).toHaveLength(1);
    expect(offline.problems[0]).toMatch(/feed "pagerduty" could not be refreshed: HTTP 503/);
    expect(offline.problems[0]).not.toContain('s3cret');
  });

  it('reads a file feed relative to config.yml and reports a missing one without failing the rest', async () => {
    writeFileSync(join(dir, 'team.ics'), ics);
    const rotation = rotationSchema.parse({
      layers: [{ name: 'secondary', members: ['erin'], start: '2026-11-30' }],
      feeds: [{ name: 'calendar', file: 'team.ics' }, { name: 'gone', file: 'missing.ics' }],
    });
    const report = await whoIsOnCall(rotation, Date.parse('2026-12-03T20:00:00Z'), { now: Date.now, cacheDir: join(dir, 'c2'), configDir: dir });
    expect(report.layers.map((l) => [l.layer, l.now.map((s) => s.member)])).toEqual([
      ['secondary', ['erin']],
      ['calendar', ['Alice Example']],
      ['gone', []],
    ]);
    expect(report.problems[0]).toMatch(/missing\.ics/);
  });
});
