import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AlertFeed } from '../../../main/core/alerts/alert-feed';
import { PrometheusClient } from '../../../main/core/prometheus/client';
import { QueryError, SourceUnavailableError } from '../../../main/core/prometheus/errors';
import type { ServerAlert } from '../../../main/core/prometheus/types';
import { RuleService } from '../../../main/core/rules/service';
import { formatFloat } from '../../../main/core/shared/go-float';
import { systemClock } from '../../../main/core/shared/clock';
import { fingerprint } from '../../../main/core/shared/fingerprint';
import type { Alert, AlertSource } from '../../../preload/contract';
import { prometheusApi, startExporter, startPrometheus, startSwitchProxy, type PrometheusPeer, type SwitchProxy, type TestExporter } from '../../support/prometheus';
import { makeContext, type TestContext } from '../../unit/alerts/harness';

// The same rule file is loaded by the real Prometheus and by the console. Its templates use the
// functions the issue lists, so any rendering difference shows up as a failed comparison.
const parityRules = `groups:
  - name: parity
    rules:
      - alert: QueueBacklog
        expr: queue_depth > 100
        for: 2s
        labels:
          severity: '{{ if gt $value 1000.0 }}critical{{ else }}warning{{ end }}'
          team: '{{ $labels.queue | toUpper }}'
        annotations:
          summary: 'Queue {{ $labels.queue }} on {{ $labels.instance }} holds {{ $value | humanize }} items'
          detail: '{{ printf "%.3f" $value }} items, {{ 1536000.0 | humanize1024 }}B buffered, oldest {{ 5025.0 | humanizeDuration }} old'
          owner: '{{ reReplaceAll "^(.*)-queue$" "team $1" $labels.queue | title }}'
          runbook_url: '{{ $externalURL }}/runbooks/queue?cluster={{ $externalLabels.cluster }}'
      - alert: ErrorRatioHigh
        expr: error_ratio > 0.01
        for: 1h
        labels:
          severity: page
        annotations:
          description: '{{ $value | humanizePercentage }} of requests to {{ $labels.service }} fail'
          backup: '{{ with query "last_backup_timestamp_seconds" }}{{ . | first | value | humanizeTimestamp }}{{ end }}'
          peers: '{{ range query "queue_depth" | sortByLabel "queue" }}{{ .Labels.queue }}={{ .Value }} {{ end }}'
      - alert: OrdersQueueStuck
        expr: queue_depth{queue="orders-queue"} > 1000
        keep_firing_for: 1h
        annotations:
          summary: 'orders queue at {{ $value }}'
      - alert: DiskAlmostFull
        expr: disk_free_ratio < 0.05
        annotations:
          summary: never active here
`;
const serverOnlyRules = `groups:
  - name: server-only
    rules:
      - alert: ServerOnlyAlert
        expr: vector(1)
        labels: { severity: info }
`;
const localOnlyRules = `groups:
  - name: local-only
    rules:
      - alert: LocalOnlyAlert
        expr: vector(2)
        labels: { severity: info }
`;
const parityNames = ['QueueBacklog', 'ErrorRatioHigh', 'OrdersQueueStuck', 'DiskAlmostFull'];

/** Keeps each source's last snapshot so the test can see what was merged away. */
class RecordingFeed extends AlertFeed {
  readonly last = new Map<string, Alert[]>();
  override publish(source: AlertSource, sourceName: string, alerts: Alert[]): void {
    this.last.set(source, [...(source === 'rule' ? (this.last.get('rule') ?? []).filter((a) => a.sourceName !== sourceName) : []), ...alerts]);
    super.publish(source, sourceName, alerts);
  }
}

interface Comparable {
  labels: Record<string, string>;
  annotations: Record<string, string>;
  state: string;
  value: string;
}

const byLabels = (a: Comparable, b: Comparable) => fingerprint(a.labels).localeCompare(fingerprint(b.labels));
const fromServer = (a: ServerAlert): Comparable => ({ labels: a.labels, annotations: a.annotations, state: a.state, value: a.value });
// The console's alerts as Prometheus's API would print them (value in Go's %e shortest form).
const fromConsole = (a: Alert): Comparable => ({ labels: a.labels, annotations: a.annotations, state: a.state, value: formatFloat(a.value ?? Number.NaN, 'e', -1) });

describe('local rule evaluation against a real Prometheus (Debian prometheus on loopback)', () => {
  let exporter: TestExporter;
  let proxy: SwitchProxy;
  let prom: PrometheusPeer;
  let t: TestContext;
  let feed: RecordingFeed;
  let service: RuleService;
  let rulesDir: string;
  const unavailableResults: string[] = [];

  const serverAlerts = async () => (await prometheusApi<{ alerts: ServerAlert[] }>(prom.url, 'alerts')).alerts;
  const stateOf = (list: { labels: Record<string, string>; state: string }[], alertname: string, queue?: string) =>
    list.filter((a) => a.labels.alertname === alertname && (queue === undefined || a.labels.queue === queue)).map((a) => a.state);
  const localParity = () => (feed.last.get('rule') ?? []).filter((a) => parityNames.includes(a.labels.alertname ?? ''));

  beforeAll(async () => {
    exporter = await startExporter();
    exporter.set('queue_depth', { queue: 'orders-queue' }, 1500);
    exporter.set('queue_depth', { queue: 'mail-queue' }, 250);
    exporter.set('queue_depth', { queue: 'idle-queue' }, 3);
    exporter.set('error_ratio', { service: 'api' }, 0.0345);
    exporter.set('disk_free_ratio', { mount: '/' }, 0.42);
    exporter.set('last_backup_timestamp_seconds', {}, 1763884800);
    let upstream = 0;
    proxy = await startSwitchProxy(() => upstream);
    // Prometheus's external URL is the proxy's, the address the console knows it by.
    prom = await startPrometheus({ targets: [exporter.target], ruleFiles: [parityRules, serverOnlyRules], externalLabels: { cluster: 'ci-1' }, externalUrl: proxy.url });
    upstream = prom.port;

    rulesDir = mkdtempSync(join(tmpdir(), 'oncall-parity-'));
    writeFileSync(join(rulesDir, 'parity.yml'), parityRules);
    writeFileSync(join(rulesDir, 'local-only.yml'), localOnlyRules);
    t = makeContext(
      [
        'prometheus:',
        '  - name: ci',
        `    url: ${proxy.url}`,
        '    timeout: 800ms',
        '    externalLabels: { cluster: ci-1 }',
        '    readAlerts: true',
        'rules:',
        `  files: [${join(rulesDir, 'parity.yml')}, ${join(rulesDir, 'local-only.yml')}]`,
        '  interval: 1s',
        '  builtin: false',
        '',
      ].join('\n'),
      systemClock,
    );
    feed = new RecordingFeed(t.ctx.bus);
    t.ctx.alerts = feed;
    t.ctx.bus.on('rules:changed', (e) => {
      if (e.unavailable) unavailableResults.push(e.unavailable);
    });
    service = new RuleService(t.ctx);
    service.start();
  });

  afterAll(async () => {
    await service?.stop();
    t?.dispose();
    await prom?.stop();
    await proxy?.stop();
    await exporter?.stop();
    if (rulesDir) rmSync(rulesDir, { recursive: true, force: true });
  });

  it('runs instant and range queries, and tells a bad query from an unreachable server', async () => {
    const client = new PrometheusClient({ name: 'direct', url: prom.url, timeout: 2_000 });
    try {
      await expect.poll(async () => (await client.queryVector('queue_depth')).length, { timeout: 15_000, interval: 200 }).toBe(3);
      const vector = await client.queryVector('queue_depth{queue="orders-queue"}');
      expect(vector).toEqual([{ labels: { __name__: 'queue_depth', instance: exporter.target, job: 'exporter', queue: 'orders-queue' }, value: 1500, time: expect.any(Number) as number }]);
      expect(await client.query('scalar(sum(queue_depth))')).toMatchObject({ type: 'scalar', value: 1753 });
      expect(await client.query('"on call"')).toMatchObject({ type: 'string', value: 'on call' });
      const at = Date.now() - 60_000;
      expect(await client.query('vector(time())', at)).toMatchObject({ type: 'vector', samples: [{ value: Math.round(at) / 1000, time: Math.round(at) }] });

      // Wait until the series reaches 5 s back, so the 2 s window below is covered whatever the rounding.
      await expect.poll(async () => (await client.queryRange('queue_depth{queue="mail-queue"}', Date.now() - 5_000, Date.now(), 1_000))[0]?.points.length ?? 0, { timeout: 15_000, interval: 250 }).toBe(6);
      const end = Math.floor(Date.now() / 1000) * 1000;
      const series = await client.queryRange('queue_depth{queue="mail-queue"} * 2', end - 2_000, end, 1_000);
      expect(series).toEqual([{ labels: { instance: exporter.target, job: 'exporter', queue: 'mail-queue' }, points: [end - 2_000, end - 1_000, end].map((time) => ({ time, value: 500 })) }]);

      const bad = await client.query('sum(queue_depth').catch((e: unknown) => e);
      expect(bad).toBeInstanceOf(QueryError);
      expect(bad).not.toBeInstanceOf(SourceUnavailableError);
      const gone = new PrometheusClient({ name: 'gone', url: 'http://127.0.0.1:1', timeout: 1_000 });
      await expect(gone.query('up')).rejects.toBeInstanceOf(SourceUnavailableError);
      gone.close();
    } finally {
      client.close();
    }
  });

  it('raises the same alerts as Prometheus: states, labels, rendered annotations and values', async () => {
    const expected = { orders: ['firing'], mail: ['firing'], errors: ['pending'], stuck: ['firing'] };
    const states = (list: { labels: Record<string, string>; state: string }[]) => ({
      orders: stateOf(list, 'QueueBacklog', 'orders-queue'),
      mail: stateOf(list, 'QueueBacklog', 'mail-queue'),
      errors: stateOf(list, 'ErrorRatioHigh'),
      stuck: stateOf(list, 'OrdersQueueStuck'),
    });
    await expect.poll(async () => states(await serverAlerts()), { timeout: 20_000, interval: 250 }).toEqual(expected);
    await expect.poll(() => states(localParity()), { timeout: 20_000, interval: 250 }).toEqual(expected);

    const theirs = (await serverAlerts()).filter((a) => parityNames.includes(a.labels.alertname ?? ''));
    const ours = localParity();
    expect(ours.map(fromConsole).sort(byLabels)).toEqual(theirs.map(fromServer).sort(byLabels));
    // Spot-check the rendering itself, so a shared mistake on both sides would not pass unnoticed.
    const orders = ours.find((a) => a.labels.queue === 'orders-queue')!;
    expect(orders.labels).toMatchObject({ severity: 'critical', team: 'ORDERS-QUEUE' });
    expect(orders.annotations).toEqual({
      summary: `Queue orders-queue on ${exporter.target} holds 1.5k items`,
      detail: '1500.000 items, 1.465MiB buffered, oldest 1h 23m 45s old',
      owner: 'Team Orders',
      runbook_url: `${proxy.url}/runbooks/queue?cluster=ci-1`,
    });
    expect(ours.find((a) => a.labels.alertname === 'ErrorRatioHigh')!.annotations).toEqual({
      description: '3.45% of requests to api fail',
      backup: '2025-11-23 08:00:00 +0000 UTC',
      peers: 'idle-queue=3 mail-queue=250 orders-queue=1500 ',
    });
    // Both sides saw the alert become active at about the same evaluation (1 s scrape, 1 s evaluation).
    for (const mine of ours) {
      const other = theirs.find((a) => fingerprint(a.labels) === mine.fingerprint)!;
      expect(Math.abs(Date.parse(other.activeAt) - mine.activeAt!)).toBeLessThan(3_000);
    }
  });

  it("merges Prometheus's own /api/v1/alerts with local alerts, one entry per fingerprint", async () => {
    await expect.poll(() => (feed.last.get('prometheus') ?? []).some((a) => a.labels.alertname === 'ServerOnlyAlert'), { timeout: 10_000, interval: 200 }).toBe(true);
    await expect.poll(() => (feed.last.get('rule') ?? []).some((a) => a.labels.alertname === 'LocalOnlyAlert'), { timeout: 10_000, interval: 200 }).toBe(true);
    const server = feed.last.get('prometheus')!;
    const local = feed.last.get('rule')!;
    // The same alert arrives twice: computed here, and read from the server with the server's labels.
    const shared = local.filter((a) => server.some((s) => s.fingerprint === a.fingerprint));
    expect(shared.map((a) => a.labels.alertname).sort()).toEqual(['ErrorRatioHigh', 'OrdersQueueStuck', 'QueueBacklog', 'QueueBacklog']);
    for (const a of server) expect(a.fingerprint).toBe(fingerprint(a.labels));

    const merged = feed.merged();
    const fingerprints = merged.map((a) => a.fingerprint);
    expect(new Set(fingerprints).size).toBe(fingerprints.length);
    const names = merged.map((a) => a.labels.alertname).sort();
    expect(names).toEqual(['ErrorRatioHigh', 'LocalOnlyAlert', 'OrdersQueueStuck', 'QueueBacklog', 'QueueBacklog', 'ServerOnlyAlert']);
    expect(merged.find((a) => a.labels.alertname === 'ServerOnlyAlert')).toMatchObject({ source: 'prometheus', sourceName: 'ci', state: 'firing', labels: { alertname: 'ServerOnlyAlert', severity: 'info' } });
  });

  it('treats a refused or silent Prometheus as "source unavailable": nothing resolves until it answers again', async () => {
    const before = localParity().find((a) => a.labels.queue === 'orders-queue')!;
    expect(before.state).toBe('firing');
    const seen = unavailableResults.length;

    proxy.setMode('refuse');
    // The series goes away during the outage; the console must not notice until it can see again.
    exporter.remove('queue_depth', { queue: 'mail-queue' });
    await expect.poll(() => unavailableResults.length - seen, { timeout: 15_000, interval: 100 }).toBeGreaterThanOrEqual(3);
    expect(service.status()).toMatchObject({ sourceStatus: 'unavailable', sourceError: expect.stringContaining('Prometheus "ci" is unavailable') as string });
    expect(stateOf(localParity(), 'QueueBacklog').sort()).toEqual(['firing', 'firing']);
    expect(stateOf(localParity(), 'ErrorRatioHigh')).toEqual(['pending']);
    expect(feed.merged().find((a) => a.labels.alertname === 'PrometheusUnavailable')).toMatchObject({ source: 'system', state: 'firing', labels: { server: 'ci' } });
    // The last snapshot of the server's alerts is kept, not replaced by an empty (all resolved) one.
    expect(feed.last.get('prometheus')!.map((a) => a.labels.alertname)).toContain('ServerOnlyAlert');

    proxy.setMode('hang');
    const hung = unavailableResults.length;
    await expect.poll(() => unavailableResults.slice(hung).filter((m) => m.includes('no answer within 800 ms')).length, { timeout: 15_000, interval: 100 }).toBeGreaterThanOrEqual(2);
    expect(stateOf(localParity(), 'QueueBacklog').sort()).toEqual(['firing', 'firing']);
    const silent = new PrometheusClient({ name: 'silent', url: proxy.url, timeout: 300 });
    await expect(silent.query('up')).rejects.toThrow(/Prometheus "silent" is unavailable: no answer within 300 ms/);
    silent.close();

    proxy.setMode('pass');
    await expect.poll(() => service.status().sourceStatus, { timeout: 15_000, interval: 100 }).toBe('ok');
    await expect.poll(() => stateOf(localParity(), 'QueueBacklog', 'mail-queue'), { timeout: 15_000, interval: 100 }).toEqual(['resolved']);
    const after = localParity().find((a) => a.labels.queue === 'orders-queue')!;
    // Same alert, not a new one: the outage did not reset its activeAt.
    expect(after).toMatchObject({ state: 'firing', activeAt: before.activeAt });
    expect(feed.merged().some((a) => a.labels.alertname === 'PrometheusUnavailable')).toBe(false);
    expect(stateOf(await serverAlerts(), 'QueueBacklog', 'mail-queue')).toEqual([]);
  });

  it('drops a vanished pending alert silently, resolves a firing one and holds one with keep_firing_for, like Prometheus', async () => {
    exporter.remove('error_ratio');
    exporter.remove('queue_depth', { queue: 'orders-queue' });
    const gone = ['QueueBacklog', 'ErrorRatioHigh'];
    await expect.poll(async () => (await serverAlerts()).filter((a) => gone.includes(a.labels.alertname ?? '')).length, { timeout: 15_000, interval: 200 }).toBe(0);
    await expect.poll(() => stateOf(localParity(), 'QueueBacklog', 'orders-queue'), { timeout: 15_000, interval: 200 }).toEqual(['resolved']);
    await expect.poll(() => stateOf(localParity(), 'ErrorRatioHigh'), { timeout: 15_000, interval: 200 }).toEqual([]);
    const resolved = localParity().find((a) => a.labels.queue === 'orders-queue' && a.labels.alertname === 'QueueBacklog')!;
    expect(resolved.resolvedAt).toBeGreaterThan(resolved.firedAt!);
    // keep_firing_for: 1h keeps the alert firing on both sides although its series is gone.
    const stuck = (await serverAlerts()).filter((a) => a.labels.alertname === 'OrdersQueueStuck');
    expect(stuck.map((a) => [a.state, typeof a.keepFiringSince])).toEqual([['firing', 'string']]);
    expect(localParity().filter((a) => a.labels.alertname === 'OrdersQueueStuck').map(fromConsole)).toEqual(stuck.map(fromServer));
  });
});
