import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createEngine, type Engine } from '../../../main/core/engine';
import { handoffMarkdown } from '../../../main/core/rotation/handoff-format';
import type { Handoff, HandoffReport } from '../../../preload/contract/rotation';
import { projectRoot } from '../../support/cli';
import { invokeOk } from '../../support/engine';
import { FakeClock } from '../../support/fake-clock';
import { tempHome } from '../../support/temp-home';
import { makeAlert } from '../alerts/harness';

const min = 60_000;

// The fake clock starts Monday 2026-11-23 09:00 UTC; alice's daily shift began at 08:00, bob's is next.
const config = `rotation:
  timezone: UTC
  me: alice
  layers:
    - { name: primary, members: [alice, bob], handoff: daily, start: "2026-11-23" }
alerting:
  route: { group_by: [alertname], group_wait: 30s }
`;

describe('the shift handoff', () => {
  let engine: Engine | null = null;
  let cleanup = () => {};
  afterEach(async () => {
    await engine?.close();
    cleanup();
  });

  it('drafts the report from the journal and the alert history, and journals hand-over and receipt once', async () => {
    const t = tempHome();
    cleanup = t.cleanup;
    writeFileSync(join(t.home, 'config.yml'), config);
    const clock = new FakeClock();
    engine = createEngine({ home: t.home, resourcesDir: join(projectRoot, 'resources'), clock, ports: { face: 'web', notify: () => undefined, openExternal: () => Promise.resolve() } });
    await engine.start();
    const e = engine;
    const publish = (alerts: ReturnType<typeof makeAlert>[]) => e.ctx.alerts.publish('rule', 'test.yml', alerts);

    // 09:00 ApiDown pages; acknowledged 4 min after its page; an incident is opened for it with a decision.
    const api = makeAlert({ alertname: 'ApiDown', severity: 'critical' });
    publish([api]);
    clock.advance(1 * min);
    clock.advance(4 * min);
    await invokeOk(e, 'alerts:ack', { fingerprints: [api.fingerprint], by: 'alice' });
    const { incident } = await invokeOk<{ incident: { id: string } }>(e, 'incidents:open', { title: 'API down', severity: 'P1', alertFingerprints: [api.fingerprint] });
    await invokeOk(e, 'timeline:append', { kind: 'decision', incidentId: incident.id, action: 'Fail over to the standby region', expectation: 'errors drop within 5 min' });
    await invokeOk(e, 'actions:add', { incidentId: incident.id, title: 'Add a canary for the failover', dueDate: '2026-11-24' });
    await invokeOk(e, 'actions:add', { incidentId: incident.id, title: 'Review capacity', dueDate: '2026-12-31' });
    // Silences: one ends during the next shift, one long after.
    await invokeOk(e, 'alerts:silence', { matchers: [{ name: 'alertname', op: '=', value: 'Batch' }], endsAt: Date.parse('2026-11-24T12:00:00Z'), comment: 'batch window' });
    await invokeOk(e, 'alerts:silence', { matchers: [{ name: 'alertname', op: '=', value: 'Old' }], endsAt: Date.parse('2026-12-20T12:00:00Z'), comment: 'long' });

    // 23:00 a warning pages at night and is never acknowledged.
    clock.advance(Date.parse('2026-11-23T23:00:00Z') - clock.now());
    publish([api, makeAlert({ alertname: 'DiskFull', severity: 'warning' })]);
    clock.advance(1 * min);
    clock.advance(Date.parse('2026-11-24T07:30:00Z') - clock.now());

    const report = await invokeOk<HandoffReport>(e, 'handoff:draft', {});
    expect([new Date(report.from).toISOString(), report.outgoing, report.incoming]).toEqual(['2026-11-23T08:00:00.000Z', 'alice', 'bob']);
    expect(report.openIncidents).toHaveLength(1);
    expect(report.openIncidents[0]!.lastDecision?.text).toContain('Fail over to the standby region');
    expect(report.alertsFired.map((a) => a.title.match(/ApiDown|DiskFull/)?.[0])).toEqual(['ApiDown', 'DiskFull']);
    expect(report.alertsAcknowledged.map((a) => [a.fingerprint, a.by])).toEqual([[api.fingerprint, 'alice']]);
    expect(report.silencesExpiring.map((s) => s.comment)).toEqual(['batch window']);
    expect(report.actionItemsDue.map((a) => a.title)).toEqual(['Add a canary for the failover']);
    // Paged at 09:00:30 (group_wait), acknowledged at 09:05:00.
    expect(report.fatigue).toEqual({ pages: 2, nightPages: 1, medianAckMs: 4.5 * min, ledToIncident: 0.5 });

    const md = handoffMarkdown(report);
    expect(md).toContain('# Handoff: alice → bob');
    expect(md).toContain('- pages between 22:00 and 08:00: 1');
    expect(md).toContain('- median time to acknowledge: 4.5 min');

    const sent = await invokeOk<Handoff>(e, 'handoff:send', { notes: 'Failover holds; watch the standby DB replication lag.' });
    expect(sent.notes).toContain('replication lag');
    expect(sent.receivedAt).toBe(null);
    clock.advance(40 * min);
    const received = await invokeOk<Handoff>(e, 'handoff:receive', {});
    expect([received.id, received.receivedBy, received.receivedAt]).toEqual([sent.id, 'alice', clock.now()]);
    const again = await e.invoke('handoff:receive', { id: sent.id });
    expect(again.ok ? null : again.error.code).toBe('conflict');
    // The database itself keeps a handoff as handed over.
    expect(() => e.ctx.db.prepare(`UPDATE handoffs SET notes = 'rewritten' WHERE id = ?`).run(sent.id)).toThrow(/kept as it was handed over/);
    expect(() => e.ctx.db.prepare(`DELETE FROM handoffs`).run()).toThrow(/handoffs are kept/);
    expect((await invokeOk<Handoff[]>(e, 'handoff:list', {})).map((h) => h.id)).toEqual([sent.id]);
  });

});
