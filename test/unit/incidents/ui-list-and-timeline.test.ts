import { describe, expect, it } from 'vitest';
import type { TimelineEntry } from '../../../preload/contract';
import { clock, decisionLine, humanDuration, updateNag } from '../../../renderer/src/incidents/logic/format';
import { groupTimeline } from '../../../renderer/src/incidents/logic/timeline-groups';
import { pagesFor, rowWindow, scrollToReveal } from '../../../renderer/src/incidents/logic/virtual-window';

describe('virtual list window', () => {
  it('renders only the rows in view plus the overscan, for any list length', () => {
    expect(rowWindow(0, 340, 34, 50_000, 5)).toEqual({ start: 0, end: 16 });
    const mid = rowWindow(34 * 25_000, 340, 34, 50_000, 5);
    expect(mid).toEqual({ start: 24_995, end: 25_016 });
    expect(mid.end - mid.start).toBeLessThan(30);
  });

  it('clamps at the end and for tiny or empty lists', () => {
    expect(rowWindow(34 * 60_000, 340, 34, 50_000, 5)).toEqual({ start: 49_999, end: 50_000 });
    expect(rowWindow(0, 340, 34, 3)).toEqual({ start: 0, end: 3 });
    expect(rowWindow(0, 340, 34, 0)).toEqual({ start: 0, end: 0 });
  });

  it('names the pages behind a window and the scroll that reveals a row', () => {
    expect(pagesFor({ start: 190, end: 410 }, 200)).toEqual([0, 1, 2]);
    expect(pagesFor({ start: 5, end: 5 }, 200)).toEqual([]);
    expect(scrollToReveal(0, 100, 340, 34)).toBe(0);
    expect(scrollToReveal(20, 0, 340, 34)).toBe(21 * 34 - 340);
    expect(scrollToReveal(3, 0, 340, 34)).toBeNull();
  });
});

describe('timeline formatting', () => {
  const entry = (id: string, seq: number, supersedes: string | null = null): TimelineEntry => ({
    id,
    incidentId: 'INC-20261123-091500-1a2b',
    seq,
    at: 1_000 * seq,
    kind: 'note',
    text: id,
    data: null,
    author: 'me@host',
    supersedes,
    supersededBy: null,
  });

  it('puts each correction right after what it corrects, chains included', () => {
    const groups = groupTimeline([entry('a', 1), entry('b', 2), entry('c', 3, 'a'), entry('d', 4, 'c'), entry('e', 5, 'zz')]);
    expect(groups.map((g) => [g.entry.id, g.corrections.map((c) => c.id), g.orphanCorrection])).toEqual([
      ['a', ['c', 'd'], false],
      ['b', [], false],
      ['e', [], true],
    ]);
  });

  it('writes the seed 002 decision line and running clocks', () => {
    const at = new Date(2026, 10, 23, 9, 5).getTime();
    expect(decisionLine(at, { action: 'roll back', expectation: '5xx drops', result: null, next: 'watch' })).toBe('[09:05] roll back, 5xx drops, –, watch');
    expect(clock(65_000)).toBe('1:05');
    expect(clock(3_723_000)).toBe('1:02:03');
    expect(clock(90_061_000)).toBe('1d 1:01:01');
    expect(humanDuration(17 * 60_000)).toBe('17 min');
    expect(humanDuration(null)).toBe('–');
  });

  it('nags for P1/P2 after 15 minutes without an update, harder after 30, never once resolved', () => {
    expect(updateNag('P1', 'investigating', 14 * 60_000)).toBe('none');
    expect(updateNag('P1', 'investigating', 15 * 60_000)).toBe('due');
    expect(updateNag('P2', 'mitigated', 31 * 60_000)).toBe('overdue');
    expect(updateNag('P3', 'investigating', 60 * 60_000)).toBe('none');
    expect(updateNag('P1', 'resolved', 60 * 60_000)).toBe('none');
  });
});
