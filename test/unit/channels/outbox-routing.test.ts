import { afterEach, describe, expect, it } from 'vitest';
import type { OutgoingMessage } from '../../../main/core/channels/message';
import { AlertRouter } from '../../../main/core/channels/outbox/alert-router';
import { integrationConfig, receiverIntegrations, sendsResolvedFallback } from '../../../main/core/channels/outbox/integrations';
import { OutboxStore } from '../../../main/core/channels/outbox/store';
import { alertingHarness, makeAlert } from '../alerts/harness';

const min = 60_000;
const config = `
alerting:
  route:
    receiver: team
    group_by: [alertname]
    routes:
      - receiver: db
        matchers: ['service="db"', 'severity=~"crit.*"']
  receivers:
    - name: team
      webhook_configs: [{ url: "http://127.0.0.1:9/hook" }]
      email_configs: [{ to: "oncall@example.com" }]
    - name: db
      webhook_configs: [{ url: "http://127.0.0.1:9/db", send_resolved: false }]
`;

describe('alerts routed into the outbox (Alertmanager dispatcher and dedup, fake clock)', () => {
  let close: (() => void) | undefined;
  afterEach(() => close?.());

  function setup() {
    const h = alertingHarness(config);
    close = () => h.close();
    const receivers = () => h.ctx.config.current().alerting.receivers;
    const integrationsOf = (r: string) => receiverIntegrations(receivers(), ['webhook_configs', 'email_configs'], r);
    const store = new OutboxStore(h.ctx.db, { now: () => h.clock.now(), integrationsOf });
    const router = new AlertRouter({ store, db: h.ctx.db, integrationsOf, sendsResolved: (ref) => sendsResolvedFallback(integrationConfig(receivers(), ref), ref.kind), externalURL: () => 'oncall://alerts' });
    h.service.onGroupFlush((f) => router.flushed(f));
    const sent = (receiver: string, kind: string) =>
      store
        .list({ receiver, limit: 100 })
        .filter((r) => r.integration_kind === kind)
        .reverse()
        .map((r) => store.message(r.message_id).message as Extract<OutgoingMessage, { kind: 'alerts' }>);
    return { h, sent };
  }

  it('a flapping alert: the webhook hears every firing and resolution, e-mail (send_resolved off) only the firings', () => {
    const { h, sent } = setup();
    const alert = makeAlert({ alertname: 'ApiDown', service: 'api', severity: 'critical' });
    for (let round = 0; round < 2; round++) {
      h.publish([{ ...alert, state: 'firing' }]);
      h.clock.advance(1 * min);
      h.publish([{ ...alert, state: 'resolved', resolvedAt: h.clock.now() }]);
      h.clock.advance(9 * min);
    }
    expect(sent('team', 'webhook').map((m) => m.data.status)).toEqual(['firing', 'resolved', 'firing', 'resolved']);
    expect(sent('team', 'email').map((m) => m.data.status)).toEqual(['firing', 'firing']);
    const first = sent('team', 'webhook')[0]!.data;
    expect(first).toMatchObject({ receiver: 'team', groupKey: '{}:{alertname="ApiDown"}', groupLabels: { alertname: 'ApiDown' }, externalURL: 'oncall://alerts', truncatedAlerts: 0 });
    expect(first.commonLabels).toMatchObject({ alertname: 'ApiDown', service: 'api', severity: 'critical' });
    expect(first.alerts[0]!.endsAt).toBe('0001-01-01T00:00:00Z');
    expect(sent('team', 'webhook')[1]!.data.alerts[0]!.endsAt).not.toBe('0001-01-01T00:00:00Z');
  });

  it('repeats a still-firing group after repeat_interval (4 h), on the flush after it has passed', () => {
    const { h, sent } = setup();
    h.publish([makeAlert({ alertname: 'DiskFull', severity: 'warning' })]);
    h.clock.advance(30_000 + 4 * 60 * min - 1);
    expect(sent('team', 'webhook')).toHaveLength(1);
    h.clock.advance(5 * min + 1);
    expect(sent('team', 'webhook')).toHaveLength(2);
  });

  it('prints the group key as Alertmanager does, with the route path of matchers', () => {
    const { h, sent } = setup();
    h.publish([makeAlert({ alertname: 'DbSlow', service: 'db', severity: 'critical' })]);
    h.clock.advance(1 * min);
    expect(sent('db', 'webhook').map((m) => m.data.groupKey)).toEqual(['{}/{service="db",severity=~"crit.*"}:{alertname="DbSlow"}']);
    expect(sent('team', 'webhook')).toHaveLength(0);
  });
});
