import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiAlertsDocument } from '../../../main/core/rules/api-shape';
import type { ServerAlert } from '../../../main/core/prometheus/types';
import { cli } from '../../support/cli';
import { prometheusApi, startExporter, startPrometheus, type PrometheusPeer, type TestExporter } from '../../support/prometheus';

// One rule file, loaded by a real Prometheus and given to `oncall rules eval`: the CLI's JSON must
// be the document Prometheus's GET /api/v1/alerts prints for it.
const rules = `groups:
  - name: cli
    rules:
      - alert: QueueBacklog
        expr: queue_depth > 100
        labels:
          severity: '{{ if gt $value 1000.0 }}critical{{ else }}warning{{ end }}'
        annotations:
          summary: 'Queue {{ $labels.queue }} holds {{ $value | humanize }} items ({{ $value | printf "%.1f" }})'
          where: '{{ $externalLabels.cluster }} {{ $externalURL }}'
      - alert: SlowRequests
        expr: latency_seconds > 1
        for: 1h
        annotations:
          summary: 'p99 {{ $value | humanizeDuration }} on {{ $labels.service | title }}'
      - record: queue:depth:sum
        expr: sum(queue_depth)
`;
const watchRules = `groups:
  - name: watch
    rules:
      - alert: Backlog
        expr: queue_depth > 1000
        for: 1s
        annotations:
          summary: '{{ $labels.queue }} at {{ $value }}'
`;

interface Comparable {
  labels: Record<string, string>;
  annotations: Record<string, string>;
  state: string;
  value: string;
}
const comparable = (list: Comparable[]) => list.map(({ labels, annotations, state, value }) => ({ labels, annotations, state, value })).sort((a, b) => JSON.stringify(a.labels).localeCompare(JSON.stringify(b.labels)));

describe('oncall rules eval / watch against a real Prometheus', () => {
  let exporter: TestExporter;
  let prom: PrometheusPeer;
  let dir: string;

  beforeAll(async () => {
    exporter = await startExporter();
    exporter.set('queue_depth', { queue: 'orders' }, 1500);
    exporter.set('queue_depth', { queue: 'mail' }, 250);
    exporter.set('queue_depth', { queue: 'idle' }, 3);
    exporter.set('latency_seconds', { service: 'checkout' }, 2.5);
    prom = await startPrometheus({ targets: [exporter.target], ruleFiles: [rules], externalLabels: { cluster: 'ci-1' } });
    dir = mkdtempSync(join(tmpdir(), 'oncall-rules-cli-'));
    writeFileSync(join(dir, 'rules.yml'), rules);
    writeFileSync(join(dir, 'watch.yml'), watchRules);
    // Wait (bounded) until Prometheus's own evaluation shows every alert of the file.
    const deadline = Date.now() + 30_000;
    while ((await prometheusApi<{ alerts: ServerAlert[] }>(prom.url, 'alerts')).alerts.length < 3) {
      if (Date.now() > deadline) throw new Error(`Prometheus did not raise the alerts:\n${prom.log()}`);
      await new Promise((r) => setTimeout(r, 200));
    }
  });

  afterAll(async () => {
    await prom?.stop();
    await exporter?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('eval --json prints what GET /api/v1/alerts prints for the same rules', async () => {
    const result = await cli(['rules', 'eval', '--prometheus', prom.url, '--external-label', 'cluster=ci-1', '--json', join(dir, 'rules.yml')]);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const ours = JSON.parse(result.stdout) as ApiAlertsDocument;
    const theirs = await prometheusApi<{ alerts: ServerAlert[] }>(prom.url, 'alerts');
    expect(ours.status).toBe('success');
    expect(comparable(ours.data.alerts)).toEqual(comparable(theirs.alerts));
    expect(comparable(ours.data.alerts).map((a) => `${a.labels.alertname}:${a.labels.queue ?? a.labels.service}:${a.state}`)).toEqual(['QueueBacklog:mail:firing', 'QueueBacklog:orders:firing', 'SlowRequests:checkout:pending']);
    for (const a of ours.data.alerts) expect(a.activeAt).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$/);
  });

  it('eval without --json lists alerts with their state', async () => {
    const result = await cli(['rules', 'eval', '--prometheus', prom.url, join(dir, 'rules.yml')]);
    expect(result.code).toBe(0);
    const source = `instance="${exporter.target}", job="exporter"`;
    expect(result.stdout).toContain(`FIRING   QueueBacklog{${source}, queue="orders", severity="critical"} value=1500\n         Queue orders holds 1.5k items (1500.0)\n`);
    expect(result.stdout).toContain(`PENDING  SlowRequests{${source}, service="checkout"} value=2.5\n         p99 2.5s on Checkout\n`);
    expect(result.stdout).toContain('1 recording rule(s) not evaluated: the Prometheus server computes and stores those\n');
  });

  it('eval fails, printing no document, when the server cannot be reached', async () => {
    const result = await cli(['rules', 'eval', '--prometheus', 'http://127.0.0.1:9', '--timeout', '2s', '--json', join(dir, 'rules.yml')]);
    expect(result.code).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(/is unavailable: connect ECONNREFUSED/);
  });

  it('eval rejects a broken file alone and still evaluates the others', async () => {
    writeFileSync(join(dir, 'broken.yml'), 'groups:\n- name: b\n  rules:\n  - alert: B\n    expr: up\n    for: soon\n');
    const result = await cli(['rules', 'eval', '--prometheus', prom.url, '--json', join(dir, 'broken.yml'), join(dir, 'rules.yml')]);
    expect(result.code).toBe(1);
    expect(result.stderr).toBe(`${join(dir, 'broken.yml')}:6:10: not a valid duration string: "soon"\n`);
    expect((JSON.parse(result.stdout) as ApiAlertsDocument).data.alerts).toHaveLength(3);
  });

  it('watch --json prints one line per transition: pending, then firing after `for`', async () => {
    const result = await cli(['rules', 'watch', '--prometheus', prom.url, '--interval', '1s', '--duration', '3500ms', '--json', join(dir, 'watch.yml')]);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const lines = result.stdout.trim().split('\n').map((l) => JSON.parse(l) as { at: string; rule: string; from: string; to: string; labels: Record<string, string>; annotations: Record<string, string>; value: number; file: string; group: string });
    expect(lines.map((l) => `${l.rule}:${l.labels.queue}:${l.from}->${l.to}`)).toEqual(['Backlog:orders:inactive->pending', 'Backlog:orders:pending->firing']);
    expect(lines[0]).toMatchObject({ file: join(dir, 'watch.yml'), group: 'watch', value: 1500, annotations: { summary: 'orders at 1500' }, labels: { alertname: 'Backlog', instance: exporter.target, job: 'exporter', queue: 'orders' } });
    // Evaluations sit on the 1s grid; a tick delayed on a busy machine skips a slot, never adds a fraction.
    expect((Date.parse(lines[1]!.at) - Date.parse(lines[0]!.at)) % 1000).toBe(0);
  });
});
