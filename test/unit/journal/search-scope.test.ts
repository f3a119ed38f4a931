import { afterEach, describe, expect, it } from 'vitest';
import { journalHarness, type Harness } from './harness';

describe('incident journal: search within one incident', () => {
  let h: Harness;
  afterEach(() => h.close());

  it('finds only that incident’s entries, newest first, even when two incidents write in turn', async () => {
    h = journalHarness();
    const H = h.domain.handlers;
    const a = (await H['incidents:open']({ title: 'Cache stampede', severity: 'P3', category: 'general' })).incident.id;
    const b = (await H['incidents:open']({ title: 'Queue backlog', severity: 'P3', category: 'general' })).incident.id;
    // Interleaved writes: each incident's entries span the other's rowids.
    for (let i = 0; i < 5; i++) {
      await H['timeline:append']({ kind: 'note', incidentId: a, text: `flushed cache shard ${i}` });
      await H['timeline:append']({ kind: 'note', incidentId: b, text: `flushed queue partition ${i}` });
    }
    const inA = await H['incidents:search']({ query: 'flushed', incidentId: a, limit: 50 });
    expect(inA.hits.map((x) => [x.incidentId, x.snippet.map((s) => s.text).join('')])).toEqual(
      [4, 3, 2, 1, 0].map((i) => [a, `flushed cache shard ${i}`]),
    );
    expect((await H['incidents:search']({ query: 'flushed', incidentId: b, limit: 2 })).hits.map((x) => x.snippet.map((s) => s.text).join(''))).toEqual([
      'flushed queue partition 4',
      'flushed queue partition 3',
    ]);
    // A word only the other incident has finds nothing here, and titles are not searched within an incident.
    expect((await H['incidents:search']({ query: 'partition', incidentId: a, limit: 50 })).hits).toEqual([]);
    expect((await H['incidents:search']({ query: 'flushed', limit: 50 })).hits).toHaveLength(10);
  });
});
