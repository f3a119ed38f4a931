import { describe, expect, it } from 'vitest';
import type { IncidentSummary } from '../../../preload/contract';
import { quickNoteTarget } from '../../../renderer/src/incidents/logic/quick-note-target';

const now = Date.UTC(2026, 11, 3, 3, 0);
const min = 60_000;
const inc = (id: string, updatedAgoMin: number) => ({ id, updatedAt: now - updatedAgoMin * min, startedAt: now - 600 * min }) as IncidentSummary;

describe('which incident the quick note writes to', () => {
  it('none open: none; one open: that one, however old', () => {
    expect(quickNoteTarget([], now)).toEqual({ kind: 'none' });
    expect(quickNoteTarget([inc('A', 900)], now)).toMatchObject({ kind: 'bound', incident: { id: 'A' } });
  });
  it('several open: the only one touched in the last 30 minutes, else ask, most recent first', () => {
    expect(quickNoteTarget([inc('old', 120), inc('hot', 5)], now)).toMatchObject({ kind: 'bound', incident: { id: 'hot' } });
    const both = quickNoteTarget([inc('b', 20), inc('a', 2)], now);
    expect(both.kind === 'ask' && both.choices.map((i) => i.id)).toEqual(['a', 'b']);
    const stale = quickNoteTarget([inc('x', 31), inc('y', 90)], now);
    expect(stale.kind === 'ask' && stale.choices.map((i) => i.id)).toEqual(['x', 'y']);
  });
});
