import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AlertmanagerClient } from '../../../main/core/alertmanager/client';
import { createAlertsDomain } from '../../../main/core/alerts/domain';
import { systemClock } from '../../../main/core/shared/clock';
import { fingerprint } from '../../../main/core/shared/fingerprint';
import { FakeTimeline, makeAlert, makeContext, type TestContext } from '../../unit/alerts/harness';
import { startAlertmanager, type AlertmanagerPeer } from './alertmanager-peer';

describe('a real Alertmanager (Debian prometheus-alertmanager on loopback)', () => {
  let am: AlertmanagerPeer;
  let t: TestContext;
  let domain: ReturnType<typeof createAlertsDomain>;
  let client: AlertmanagerClient;

  beforeAll(async () => {
    am = await startAlertmanager();
    client = new AlertmanagerClient('team', am.url);
    t = makeContext(`alertmanagers:\n  - name: team\n    url: ${am.url}\nalerting:\n  alertmanagerPoll: 1h\n`, systemClock);
    domain = createAlertsDomain(t.ctx, { timeline: new FakeTimeline() });
  });
  afterAll(async () => {
    await domain?.stop?.();
    t?.dispose();
    await am?.stop();
  });

  const labelsDown = { alertname: 'ApiDown', service: 'api', severity: 'critical' };
  const labelsLatency = { alertname: 'ApiLatencyHigh', service: 'api', severity: 'warning' };
  const labelsDisk = { alertname: 'DiskFull', instance: 'db-1', severity: 'warning' };

  it('reads alerts back with inhibition shown, deduplicated by fingerprint with a local alert of the same labels', async () => {
    const endsAt = new Date(Date.now() + 3_600_000).toISOString();
    await client.postAlerts([labelsDown, labelsLatency, labelsDisk].map((labels) => ({ labels, annotations: { summary: `${labels.alertname} from AM` }, endsAt })));
    // The same alert raised by a local rule: one entry in the merged list, not two.
    t.ctx.alerts.publish('rule', 'local.yml', [makeAlert(labelsDisk, 'firing', { sourceName: 'local.yml' })]);
    await expect
      .poll(async () => {
        await domain.poller.pollNow();
        return domain.service.list().alerts.find((a) => a.labels.alertname === 'ApiLatencyHigh')?.inhibited;
      }, { timeout: 15_000, interval: 300 })
      .toBe(true);
    const raw = await client.alerts();
    // Alertmanager's own fingerprint is the one the console computes from the labels.
    for (const a of raw) expect(a.fingerprint).toBe(fingerprint(a.labels));
    const list = domain.service.list().alerts;
    expect(list.filter((a) => a.fingerprint === fingerprint(labelsDisk))).toHaveLength(1);
    expect(list.map((a) => a.labels.alertname).sort()).toEqual(['ApiDown', 'ApiLatencyHigh', 'DiskFull']);
    const latency = list.find((a) => a.labels.alertname === 'ApiLatencyHigh')!;
    expect(latency).toMatchObject({ source: 'alertmanager', sourceName: 'team', state: 'firing', inhibitedBy: [fingerprint(labelsDown)] });
    expect(domain.service.list().sourceErrors).toEqual([]);
  });

  it('creates a silence from the console that Alertmanager itself reports, then expires it there', async () => {
    const created = await domain.handlers['alerts:silence']({
      matchers: [{ name: 'alertname', op: '=', value: 'DiskFull' }, { name: 'instance', op: '=~', value: 'db-.*' }],
      endsAt: Date.now() + 2 * 3_600_000,
      comment: 'resizing the volume',
      createdBy: 'oncall-test',
      alertmanager: 'team',
    });
    expect(created).toMatchObject({ origin: 'team', state: 'active', comment: 'resizing the volume' });
    const theirs = (await client.silences()).find((s) => s.id === created.id);
    expect(theirs).toMatchObject({
      status: { state: 'active' },
      createdBy: 'oncall-test',
      matchers: [
        { name: 'alertname', value: 'DiskFull', isRegex: false, isEqual: true },
        { name: 'instance', value: 'db-.*', isRegex: true, isEqual: true },
      ],
    });
    // Alertmanager marks the alert silenced; the console shows it.
    await expect
      .poll(async () => {
        await domain.poller.pollNow();
        return domain.service.list().alerts.find((a) => a.fingerprint === fingerprint(labelsDisk))?.silenced;
      }, { timeout: 15_000, interval: 300 })
      .toBe(true);
    const listed = await domain.handlers['alerts:silences']({});
    expect(listed.find((s) => s.id === created.id)).toMatchObject({ matching: 1 });

    await domain.handlers['alerts:expire-silence']({ id: created.id, origin: 'team' });
    expect((await client.silences()).find((s) => s.id === created.id)?.status.state).toBe('expired');
  });

  it('lists a silence that matches nothing as such', async () => {
    const s = await domain.handlers['alerts:silence']({ matchers: [{ name: 'alertname', op: '=', value: 'NoSuchAlert' }], endsAt: Date.now() + 600_000, comment: 'stale', alertmanager: 'team' });
    const listed = await domain.handlers['alerts:silences']({});
    expect(listed.find((x) => x.id === s.id)).toMatchObject({ matching: 0, state: 'active', expiresSoon: true });
  });

  it('reports an unreachable Alertmanager as a source error and keeps its last alerts (never "resolved")', async () => {
    const before = domain.service.list().alerts.filter((a) => a.source === 'alertmanager').length;
    await am.stop();
    await domain.poller.pollNow();
    expect(domain.service.list().sourceErrors).toEqual([{ sourceName: 'team', message: expect.stringContaining('unreachable') as string }]);
    expect(domain.service.list().alerts.filter((a) => a.source === 'alertmanager')).toHaveLength(before);
  });
});
