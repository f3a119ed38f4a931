import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiAlertsDocument } from '../../../main/core/rules/api-shape';
import type { ServerAlert } from '../../../main/core/prometheus/types';
import { RuleService } from '../../../main/core/rules/service';
import { systemClock } from '../../../main/core/shared/clock';
import { cli } from '../../support/cli';
import { prometheusApi, startExporter, startPrometheus, startSwitchProxy, type PrometheusPeer, type TestExporter } from '../../support/prometheus';
import { makeContext, type TestContext } from '../../unit/alerts/harness';

// A rule file whose annotation renders the server's identity. Prometheus itself loads it too, so
// what it renders is the reference for what the console must render without being told.
const rules = `groups:
  - name: identity
    rules:
      - alert: WhereAmI
        expr: vector(1)
        annotations:
          where: 'cluster={{ $externalLabels.cluster }} region={{ $externalLabels.region }} url={{ $externalURL }}'
`;
const serverExternalUrl = 'http://prometheus.ci.example:9090';

describe('$externalLabels and $externalURL come from the Prometheus server', () => {
  let exporter: TestExporter;
  let prom: PrometheusPeer;
  let dir: string;
  let theirs: string;
  /** Forwards queries to Prometheus but answers 404 for /api/v1/status/*, like a query-only proxy. */
  let queryOnly: Server;
  let queryOnlyUrl: string;

  beforeAll(async () => {
    exporter = await startExporter();
    prom = await startPrometheus({ targets: [exporter.target], ruleFiles: [rules], externalLabels: { cluster: 'ci-7', region: 'eu-2' }, externalUrl: serverExternalUrl });
    dir = mkdtempSync(join(tmpdir(), 'oncall-externals-'));
    writeFileSync(join(dir, 'rules.yml'), rules);
    const deadline = Date.now() + 30_000;
    let alerts: ServerAlert[] = [];
    while ((alerts = (await prometheusApi<{ alerts: ServerAlert[] }>(prom.url, 'alerts')).alerts).length === 0) {
      if (Date.now() > deadline) throw new Error(`Prometheus did not raise WhereAmI:\n${prom.log()}`);
      await new Promise((r) => setTimeout(r, 200));
    }
    theirs = alerts[0]?.annotations.where ?? '';
    queryOnly = createServer((req, res) => {
      if (req.url?.startsWith('/api/v1/status/')) return void res.writeHead(404, { 'content-type': 'text/plain' }).end('404 page not found\n');
      const upstream = new URL(req.url ?? '/', prom.url);
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        void fetch(upstream, { method: req.method, headers: { 'content-type': req.headers['content-type'] ?? 'application/x-www-form-urlencoded' }, body: req.method === 'POST' ? Buffer.concat(chunks) : undefined }).then(async (r) => {
          res.writeHead(r.status, { 'content-type': r.headers.get('content-type') ?? 'application/json' }).end(Buffer.from(await r.arrayBuffer()));
        });
      });
    });
    await new Promise<void>((resolve) => queryOnly.listen(0, '127.0.0.1', resolve));
    const address = queryOnly.address();
    queryOnlyUrl = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  });

  afterAll(async () => {
    queryOnly?.closeAllConnections();
    await new Promise<void>((resolve) => (queryOnly ? queryOnly.close(() => resolve()) : resolve()));
    await prom?.stop();
    await exporter?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('the reference: Prometheus renders its own external labels and URL', () => {
    expect(theirs).toBe(`cluster=ci-7 region=eu-2 url=${serverExternalUrl}`);
  });

  async function engineRenders(server: string[]): Promise<{ where: string | undefined; warnings: string[] }> {
    const config = ['prometheus:', '  - name: ci', ...server, '    readAlerts: false', 'rules:', `  files: [${join(dir, 'rules.yml')}]`, '  interval: 1s', '  builtin: false', ''];
    const t: TestContext = makeContext(config.join('\n'), systemClock);
    const warnings: string[] = [];
    const warn = console.warn;
    console.warn = (message: string) => void warnings.push(message);
    const service = new RuleService(t.ctx);
    try {
      service.start();
      const alertOf = () => service.status().files[0]?.groups[0]?.rules[0]?.alerts[0];
      await expect.poll(() => alertOf(), { timeout: 15_000, interval: 100 }).toBeDefined();
      return { where: alertOf()?.annotations.where, warnings };
    } finally {
      await service.stop();
      console.warn = warn;
      t.dispose();
    }
  }

  it('the engine renders what the server renders, unasked', async () => {
    const { where, warnings } = await engineRenders([`    url: ${prom.url}`]);
    expect(where).toBe(theirs);
    expect(warnings).toEqual([]);
  });

  it('the engine lets config.yml win over the server', async () => {
    const { where } = await engineRenders([`    url: ${prom.url}`, '    externalLabels: { cluster: mine }', '    externalURL: https://console.example/prom']);
    expect(where).toBe('cluster=mine region= url=https://console.example/prom');
  });

  it('the engine falls back with one warning when the server hides its status endpoints', async () => {
    const { where, warnings } = await engineRenders([`    url: ${queryOnlyUrl}`, '    externalLabels: { cluster: from-config }']);
    expect(where).toBe(`cluster=from-config region= url=${queryOnlyUrl}`);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toContain('/api/v1/status/flags: Prometheus "ci" is unavailable: HTTP 404');
  });

  it('the engine asks again when the server comes back after an outage', async () => {
    const proxy = await startSwitchProxy(() => prom.port);
    proxy.setMode('refuse');
    const t: TestContext = makeContext(['prometheus:', '  - name: ci', `    url: ${proxy.url}`, '    timeout: 1s', '    readAlerts: false', 'rules:', `  files: [${join(dir, 'rules.yml')}]`, '  interval: 1s', '  builtin: false', ''].join('\n'), systemClock);
    const service = new RuleService(t.ctx);
    try {
      service.start();
      await expect.poll(() => service.status().sourceStatus, { timeout: 15_000, interval: 100 }).toBe('unavailable');
      proxy.setMode('pass');
      // The first pass after the outage may still render the fallback; the next ones have the server's.
      await expect.poll(() => service.status().files[0]?.groups[0]?.rules[0]?.alerts[0]?.annotations.where, { timeout: 15_000, interval: 100 }).toBe(theirs);
    } finally {
      await service.stop();
      t.dispose();
      await proxy.stop();
    }
  });

  const evalWhere = async (args: string[]) => {
    const result = await cli(['rules', 'eval', ...args, '--json', join(dir, 'rules.yml')]);
    expect(result.code).toBe(0);
    const doc = JSON.parse(result.stdout) as ApiAlertsDocument;
    return { where: doc.data.alerts[0]?.annotations.where, stderr: result.stderr };
  };

  it('rules eval renders what the server renders, unasked', async () => {
    const { where, stderr } = await evalWhere(['--prometheus', prom.url]);
    expect(where).toBe(theirs);
    expect(stderr).toBe('');
  });

  it('rules eval lets --external-label and --external-url win', async () => {
    const { where } = await evalWhere(['--prometheus', prom.url, '--external-label', 'cluster=flagged', '--external-url', 'http://flag.example']);
    expect(where).toBe('cluster=flagged region= url=http://flag.example');
  });

  it('rules eval still evaluates, with one warning, against a server without status endpoints', async () => {
    const { where, stderr } = await evalWhere(['--prometheus', queryOnlyUrl]);
    expect(where).toBe(`cluster= region= url=${queryOnlyUrl}`);
    expect(stderr.trim().split('\n')).toHaveLength(1);
    expect(stderr).toMatch(/^warning: Prometheus ".*" did not say its external labels or URL \(\/api\/v1\/status\/config: .*HTTP 404; \/api\/v1\/status\/flags: .*HTTP 404\)/);
  });
});
