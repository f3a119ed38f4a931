import { describe, expect, it } from 'vitest';
import { rotationSchema } from '../../../main/core/rotation/config';
import { configuredShifts, layerShifts, onCallIn } from '../../../main/core/rotation/schedule';
import { zonedInstant } from '../../../main/core/rotation/zoned';

const berlin = 'Europe/Berlin';
const iso = (ms: number) => new Date(ms).toISOString();

describe('zoned time', () => {
  it('puts 08:00 Berlin at 07:00Z in winter and 06:00Z in summer', () => {
    expect(iso(zonedInstant({ year: 2026, month: 3, day: 28 }, 480, berlin))).toBe('2026-03-28T07:00:00.000Z');
    expect(iso(zonedInstant({ year: 2026, month: 3, day: 29 }, 480, berlin))).toBe('2026-03-29T06:00:00.000Z');
    expect(iso(zonedInstant({ year: 2026, month: 10, day: 25 }, 480, berlin))).toBe('2026-10-25T07:00:00.000Z');
    expect(iso(zonedInstant({ year: 2026, month: 12, day: 3 }, 9 * 60 + 30, 'America/New_York'))).toBe('2026-12-03T14:30:00.000Z');
  });
});

describe('a rotation layer', () => {
  const weekly = { name: 'primary', members: ['alice', 'bob', 'carol'], handoff: 'weekly' as const, at: '08:00', start: '2026-11-02' };

  it('hands off weekly at the local time, taking turns in order and wrapping around', () => {
    // 2026-11-02 is a Monday; alice has 2 Nov, bob 9 Nov, carol 16 Nov, alice again 23 Nov.
    const at = Date.parse('2026-11-24T12:00:00Z');
    const shifts = layerShifts(weekly, berlin, at, at + 15 * 86_400_000);
    expect(shifts.map((s) => [s.member, iso(s.start)])).toEqual([
      ['alice', '2026-11-23T07:00:00.000Z'],
      ['bob', '2026-11-30T07:00:00.000Z'],
      ['carol', '2026-12-07T07:00:00.000Z'],
    ]);
  });

  it('keeps the handoff at 08:00 local across the spring DST change (a 167-hour week)', () => {
    const layer = { ...weekly, start: '2026-03-23' };
    const shifts = layerShifts(layer, berlin, Date.parse('2026-03-24T00:00:00Z'), Date.parse('2026-04-01T00:00:00Z'));
    expect(iso(shifts[0]!.end)).toBe('2026-03-30T06:00:00.000Z');
    expect((shifts[0]!.end - shifts[0]!.start) / 3_600_000).toBe(167);
  });

  it('is exact at the handoff instant: the outgoing member until 07:59:59.999, the incoming from 08:00', () => {
    const handoff = Date.parse('2026-11-30T07:00:00Z');
    // Daily from 2 Nov: 29 Nov is turn 27 (alice), 30 Nov turn 28 (bob).
    const daily = { ...weekly, handoff: 'daily' as const };
    expect(onCallIn('primary', layerShifts(daily, berlin, handoff - 1, handoff + 86_400_000), handoff - 1).now[0]!.member).toBe('alice');
    expect(onCallIn('primary', layerShifts(daily, berlin, handoff, handoff + 86_400_000), handoff).now[0]!.member).toBe('bob');
  });

  it('answers before the start date by extending the order backwards', () => {
    const shifts = layerShifts(weekly, berlin, Date.parse('2026-10-28T12:00:00Z'), Date.parse('2026-10-29T00:00:00Z'));
    expect(shifts[0]!.member).toBe('carol');
  });
});

describe('overrides and who is next', () => {
  const rotation = rotationSchema.parse({
    timezone: berlin,
    layers: [{ name: 'primary', members: ['alice', 'bob'], handoff: 'weekly', start: '2026-11-30' }],
    overrides: [{ member: 'dave', from: '2026-12-03 18:00', to: '2026-12-04 08:00' }],
  });

  it('lets the override take over its stretch and hands back to the rotation after it', () => {
    const evening = Date.parse('2026-12-03T20:00:00Z');
    const who = onCallIn('primary', configuredShifts(rotation, berlin, evening).get('primary')!, evening);
    expect(who.now.map((s) => [s.member, s.source])).toEqual([['dave', 'override']]);
    expect(who.next?.member).toBe('alice');
    expect(iso(who.next!.start)).toBe('2026-12-04T07:00:00.000Z');
  });

  it('skips the override once it is over and names the next member of the rotation', () => {
    const later = Date.parse('2026-12-05T12:00:00Z');
    const who = onCallIn('primary', configuredShifts(rotation, berlin, later).get('primary')!, later);
    expect(who.now[0]!.member).toBe('alice');
    expect(who.next?.member).toBe('bob');
    expect(iso(who.next!.start)).toBe('2026-12-07T07:00:00.000Z');
  });

  it('rejects an override of a layer that does not exist, naming the field', () => {
    const result = rotationSchema.safeParse({ layers: [{ name: 'primary', members: ['a'], start: '2026-11-30' }], overrides: [{ layer: 'secondary', member: 'x', from: '2026-12-01 08:00', to: '2026-12-02 08:00' }] });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.path).toEqual(['overrides', 0, 'layer']);
  });

  it('rejects an unknown time zone and a date that does not exist', () => {
    expect(rotationSchema.safeParse({ timezone: 'Europe/Berln' }).success).toBe(false);
    expect(rotationSchema.safeParse({ layers: [{ name: 'p', members: ['a'], start: '2026-02-30' }] }).success).toBe(false);
  });
});
