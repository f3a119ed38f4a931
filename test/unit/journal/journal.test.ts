import { afterEach, describe, expect, it } from 'vitest';
import { journalHarness, type Harness } from './harness';

describe('incident journal: model and writes', () => {
  let h: Harness;
  afterEach(() => h.close());
  const H = () => h.domain.handlers;
  const open = async (severity: 'P1' | 'P2' | 'P3' | 'P4' = 'P1', title = 'API 5xx storm') => (await H()['incidents:open']({ title, severity, category: 'A' })).incident;

  it('opens incidents with sortable UTC ids, the author, and the start checklist on P1/P2 only', async () => {
    h = journalHarness();
    const p1 = await open('P1');
    expect(p1.id).toMatch(/^INC-20261123-090000-[0-9a-f]{4}$/);
    expect(p1.status).toBe('triggered');
    expect(p1.author).toMatch(/.+@.+/);
    const detail = await H()['incidents:get']({ id: p1.id, timelineLimit: 5000 });
    expect(detail.checklist.map((c) => c.key)).toEqual(['ic_named', 'severity_set', 'channel_open', 'containment_active', 'scribe_logging']);
    expect(detail.checklist.find((c) => c.key === 'severity_set')?.done).toBe(true);
    expect(detail.timeline.map((e) => e.kind)).toEqual(['status_change', 'checklist']);
    const p3 = await open('P3', 'Typo on the login page');
    expect((await H()['incidents:get']({ id: p3.id, timelineLimit: 5000 })).checklist).toEqual([]);
    expect(p3.id).not.toBe(p1.id);
  });

  it('journals checklist ticks, and naming the IC ticks "IC named"', async () => {
    h = journalHarness();
    const inc = await open('P2');
    const { entry } = await H()['incidents:set-role']({ id: inc.id, role: 'commander', name: 'alice' });
    expect(entry).toMatchObject({ kind: 'role_change', text: 'Incident commander: alice', data: { role: 'commander', from: null, to: 'alice' } });
    const tick = await H()['checklist:tick']({ incidentId: inc.id, key: 'channel_open', done: true });
    expect(tick.entry).toMatchObject({ kind: 'checklist', data: { key: 'channel_open', done: true } });
    const detail = await H()['incidents:get']({ id: inc.id, timelineLimit: 5000 });
    expect(detail.checklist.filter((c) => c.done).map((c) => c.key).sort()).toEqual(['channel_open', 'ic_named', 'severity_set']);
    expect(detail.timeline.filter((e) => e.kind === 'checklist')).toHaveLength(3);
    await expect(async () => H()['checklist:tick']({ incidentId: inc.id, key: 'channel_open', done: true })).rejects.toThrow(/already ticked/);
  });

  it('validates status transitions: forward steps, reopen from resolved, and refuses closed -> triggered clearly', async () => {
    h = journalHarness();
    const inc = await open();
    h.clock.advance(60_000);
    const ack = await H()['incidents:set-status']({ id: inc.id, status: 'acknowledged' });
    expect(ack.incident.acknowledgedAt).toBe(h.clock.now());
    expect(ack.entry).toMatchObject({ kind: 'status_change', data: { from: 'triggered', to: 'acknowledged' } });
    const res = await H()['incidents:set-status']({ id: inc.id, status: 'resolved', note: 'rolled back' });
    expect(res.entry.text).toBe('Status acknowledged → resolved: rolled back');
    expect(res.incident.resolvedAt).not.toBeNull();
    const again = await H()['incidents:set-status']({ id: inc.id, status: 'investigating' });
    expect(again.incident.resolvedAt).toBeNull();
    await expect(async () => H()['incidents:set-status']({ id: inc.id, status: 'acknowledged' })).rejects.toThrow(/cannot go from investigating back to acknowledged/);
    await H()['incidents:set-status']({ id: inc.id, status: 'closed' });
    await expect(async () => H()['incidents:set-status']({ id: inc.id, status: 'triggered' })).rejects.toThrow('cannot change a closed incident to triggered: closed is final');
  });

  it('rejects an invalid severity with a clear message (the CLI bypasses zod)', () => {
    h = journalHarness();
    expect(() => h.domain.timeline.openIncident({ title: 't', severity: 'P9' as 'P1' })).toThrow('invalid severity "P9": use P1 (critical), P2 (high), P3 (medium) or P4 (low)');
  });

  it('keeps the timeline append-only: a correction is a new entry that supersedes the old one, and both are shown', async () => {
    h = journalHarness();
    const inc = await open();
    const { entry: wrong } = await H()['timeline:append']({ kind: 'note', incidentId: inc.id, text: 'restarted api-1' });
    const { entry: fix } = await H()['timeline:append']({ kind: 'note', incidentId: inc.id, text: 'restarted api-2 (not api-1)', supersedes: wrong.id });
    const timeline = (await H()['incidents:get']({ id: inc.id, timelineLimit: 5000 })).timeline;
    expect(timeline.find((e) => e.id === wrong.id)).toMatchObject({ text: 'restarted api-1', supersededBy: fix.id });
    expect(timeline.find((e) => e.id === fix.id)).toMatchObject({ supersedes: wrong.id, supersededBy: null });
    const other = await open('P3', 'other');
    await expect(async () => H()['timeline:append']({ kind: 'note', incidentId: other.id, text: 'x', supersedes: wrong.id })).rejects.toThrow(/not on .* timeline/);
  });

  it('writes decisions in the seed 002 format with structured fields', async () => {
    h = journalHarness();
    const inc = await open();
    const { entry } = await H()['timeline:append']({ kind: 'decision', incidentId: inc.id, action: 'roll back to v41', expectation: '5xx below 1%', next: 'watch 10 min' });
    expect(entry.text).toBe('roll back to v41; expected: 5xx below 1%; result: pending; next: watch 10 min');
    expect(entry.data).toEqual({ action: 'roll back to v41', expectation: '5xx below 1%', result: null, next: 'watch 10 min' });
  });

  it('sends a note without an incident id to the most recently updated open incident', async () => {
    h = journalHarness();
    await expect(async () => H()['timeline:append']({ kind: 'note', text: 'x' })).rejects.toThrow(/there is no open incident/);
    const a = await open('P2', 'a');
    h.clock.advance(1000);
    const b = await open('P2', 'b');
    h.clock.advance(1000);
    await H()['timeline:append']({ kind: 'note', incidentId: a.id, text: 'touch a' });
    expect((await H()['timeline:append']({ kind: 'note', text: 'to the latest' })).entry.incidentId).toBe(a.id);
    await H()['incidents:set-status']({ id: a.id, status: 'resolved' });
    h.clock.advance(1000);
    expect((await H()['timeline:append']({ kind: 'note', text: 'a is resolved now' })).entry.incidentId).toBe(b.id);
  });

  it('accepts a note up to 1 MiB and refuses a 10 MB note at once with a clear limit', async () => {
    h = journalHarness();
    const inc = await open();
    const big = 'x'.repeat(1_048_576);
    expect((await H()['timeline:append']({ kind: 'note', incidentId: inc.id, text: big })).entry.text).toHaveLength(1_048_576);
    const started = performance.now();
    // Multi-byte text: 400k characters are 1.2 MB of UTF-8, over the limit although under it in characters.
    await expect(async () => H()['timeline:append']({ kind: 'note', incidentId: inc.id, text: '€'.repeat(400_000) })).rejects.toThrow(/1\.1 MiB; the limit is 1 MiB/);
    expect(() => h.domain.timeline.append(inc.id, { kind: 'runbook_step', text: 'y'.repeat(10_000_000) })).toThrow(/9\.5 MiB; the limit is 1 MiB/);
    expect(performance.now() - started).toBeLessThan(2000);
  });

  it('warns about e-mail, phone and IBAN without blocking the note', async () => {
    h = journalHarness();
    const inc = await open();
    const { entry, warnings } = await H()['timeline:append']({ kind: 'note', incidentId: inc.id, text: 'customer jane.doe@example.com called from +49 171 2345678, IBAN DE89 3704 0044 0532 0130 00' });
    expect(entry.id).toBeTruthy();
    expect(warnings.map((w) => w.kind).sort()).toEqual(['email', 'iban', 'phone']);
    expect(warnings[0]?.message).toMatch(/correlation id/);
    expect(warnings.find((w) => w.kind === 'email')?.sample).toBe('j***@example.com');
    const clean = await H()['incidents:pii-check']({ text: 'p99 latency 2300 ms at 09:15, version 1.24.3, order 2026-11-23, id DE12ABCD' });
    expect(clean.warnings).toEqual([]);
  });

  it('implements TimelinePort for runbooks and alerting', async () => {
    h = journalHarness();
    const id = h.domain.timeline.openIncident({ title: 'Disk full', severity: 'P2', category: 'storage', alertFingerprints: ['abc123'] });
    h.domain.timeline.linkAlert(id, 'def456');
    expect(h.domain.timeline.incidentsForAlert('def456')).toEqual([id]);
    expect([...h.domain.timeline.attachedAlerts()].sort()).toEqual(['abc123', 'def456']);
    const entryId = h.domain.timeline.append(id, { kind: 'runbook_step', text: 'df -h', data: { command: 'df -h', host: 'db-1', exitCode: 0, durationMs: 120, output: 'overlay 98% /var/lib/postgresql' } });
    const detail = await H()['incidents:get']({ id, timelineLimit: 5000 });
    expect(detail.incident.alerts).toEqual(['abc123', 'def456']);
    expect(detail.timeline.at(-1)).toMatchObject({ id: entryId, kind: 'runbook_step', data: { exitCode: 0, host: 'db-1' } });
    await H()['incidents:set-status']({ id, status: 'resolved' });
    expect(h.domain.timeline.incidentsForAlert('def456')).toEqual([]);
    expect(h.domain.timeline.attachedAlerts().size).toBe(0);
  });

  it('searches titles, notes, decisions and runbook output with highlighted hits', async () => {
    h = journalHarness();
    const inc = await open('P1', 'Checkout latency');
    await H()['timeline:append']({ kind: 'note', incidentId: inc.id, text: 'Restarted the payment gateway pods' });
    await H()['timeline:append']({ kind: 'decision', incidentId: inc.id, action: 'drain node-7', expectation: 'latency recovers' });
    h.domain.timeline.append(inc.id, { kind: 'runbook_step', text: 'check connections', data: { command: 'ss -s', output: 'TCP: 40211 (estab 39000, orphaned 12)' } });
    const restart = await H()['incidents:search']({ query: 'restart', limit: 50 });
    expect(restart.hits).toHaveLength(1);
    expect(restart.hits[0]?.snippet.filter((s) => s.hit).map((s) => s.text)).toEqual(['Restarted']);
    expect((await H()['incidents:search']({ query: 'orphaned', limit: 50 })).hits[0]).toMatchObject({ source: 'runbook_step', incidentId: inc.id });
    // The title, the decision, and the "incident opened" entry that quotes the title.
    expect((await H()['incidents:search']({ query: 'latency', limit: 50 })).hits.map((x) => x.source).sort()).toEqual(['decision', 'status_change', 'title']);
    expect((await H()['incidents:search']({ query: 'pay*', limit: 50 })).hits).toHaveLength(1);
    // FTS5 syntax in the query is plain text, not an error.
    expect((await H()['incidents:search']({ query: 'gateway" OR "x', limit: 50 })).hits).toHaveLength(0);
    await H()['incidents:update']({ id: inc.id, fields: { title: 'Checkout outage' } });
    // The new title is indexed (and the journaled change quotes it); the old one no longer matches as a title.
    expect((await H()['incidents:search']({ query: 'outage', limit: 50 })).hits.map((x) => x.source)).toEqual(['title', 'status_change']);
    expect((await H()['incidents:search']({ query: 'latency', limit: 50 })).hits.map((x) => x.source)).not.toContain('title');
  });

  it('lists with filters, sorting and paging, and counts the total', async () => {
    h = journalHarness();
    for (const [i, sev] of (['P3', 'P1', 'P4', 'P2', 'P1'] as const).entries()) {
      h.clock.advance(60_000);
      const inc = await open(sev, `incident ${i}`);
      if (i % 2 === 0) await H()['incidents:set-status']({ id: inc.id, status: 'resolved' });
    }
    const all = await H()['incidents:list']({ sort: 'startedAt', order: 'desc', offset: 0, limit: 200 });
    expect(all.total).toBe(5);
    expect(all.items.map((i) => i.title)).toEqual(['incident 4', 'incident 3', 'incident 2', 'incident 1', 'incident 0']);
    const bySeverity = await H()['incidents:list']({ sort: 'severity', order: 'desc', offset: 0, limit: 200 });
    expect(bySeverity.items.map((i) => i.severity)).toEqual(['P1', 'P1', 'P2', 'P3', 'P4']);
    const open_ = await H()['incidents:list']({ open: true, sort: 'startedAt', order: 'asc', offset: 0, limit: 200 });
    expect(open_.items.map((i) => i.title)).toEqual(['incident 1', 'incident 3']);
    const page = await H()['incidents:list']({ severity: ['P1', 'P2'], status: ['resolved'], sort: 'startedAt', order: 'desc', offset: 0, limit: 1 });
    expect(page).toMatchObject({ total: 1, items: [{ title: 'incident 4' }] });
  });

  it('emits incidents:changed for its own writes', async () => {
    h = journalHarness();
    const inc = await open();
    expect(h.events).toContainEqual({ name: 'incidents:changed', payload: { ids: [inc.id] } });
  });

  it('import brings an incident\'s entry count and last entry time along, and a re-import after new entries adds only those', async () => {
    h = journalHarness();
    const inc = await open('P3');
    h.clock.advance(60_000);
    await H()['timeline:append']({ kind: 'note', incidentId: inc.id, text: 'first look' });
    h.clock.advance(60_000);
    await H()['timeline:append']({ kind: 'note', incidentId: inc.id, text: 'second look' });
    const exportOf = async () => (await H()['incidents:export']({ id: inc.id, format: 'json' })).content;
    const first = await exportOf();
    const source = await H()['incidents:get']({ id: inc.id, timelineLimit: 0 });
    h.clock.advance(60_000);
    await H()['timeline:append']({ kind: 'note', incidentId: inc.id, text: 'third look' });
    const second = await exportOf();
    h.close();

    h = journalHarness();
    expect(await H()['incidents:import']({ content: first })).toMatchObject({ created: [inc.id], entriesAdded: source.incident.entryCount });
    const imported = (await H()['incidents:get']({ id: inc.id, timelineLimit: 0 })).incident;
    expect(imported).toMatchObject({ entryCount: source.incident.entryCount, lastEntryAt: source.incident.lastEntryAt });
    expect(await H()['incidents:import']({ content: second })).toMatchObject({ merged: [inc.id], entriesAdded: 1, entriesSkipped: source.incident.entryCount });
    const merged = (await H()['incidents:get']({ id: inc.id, timelineLimit: 0 })).incident;
    expect(merged.entryCount).toBe(source.incident.entryCount + 1);
    expect(merged.lastEntryAt).toBe(source.incident.lastEntryAt + 60_000);
  });
});
