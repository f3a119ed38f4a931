import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { AlertmanagerClient } from '../../../main/core/alertmanager/client';
import { targetSchema } from '../../../main/core/probes/config';
import { judge } from '../../../main/core/probes/evaluate';
import { createProbeRunner } from '../../../main/core/probes/runner';
import { envSecretResolver } from '../../../main/core/probes/secrets';
import { TargetTracker } from '../../../main/core/probes/tracker';
import { PrometheusClient } from '../../../main/core/prometheus/client';
import { redactUrl, redactUrlsIn } from '../../../main/core/shared/redact';

/** Credentials written into a URL (`user:pass@`, `?token=`) must not travel into alerts or error messages. */

const servers: Server[] = [];
afterEach(async () => {
  for (const s of servers.splice(0)) await new Promise((r) => s.close(r));
});

/** A loopback server that answers every request with `status` and remembers the headers it saw. */
async function serve(status: number): Promise<{ port: number; seen: IncomingHttpHeaders[] }> {
  const seen: IncomingHttpHeaders[] = [];
  const server = createServer((req, res) => {
    seen.push(req.headers);
    res.writeHead(status, { 'content-type': 'application/json' });
    res.end('{"status":"error"}');
  });
  servers.push(server);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return { port: (server.address() as AddressInfo).port, seen };
}

describe('redactUrl', () => {
  it('masks the password (or a lone user token) and credential-like query values, keeps the rest', () => {
    expect(redactUrl('https://bob:s3cr3t@api.example.com:8443/health?verbose=1')).toBe('https://bob:***@api.example.com:8443/health?verbose=1');
    expect(redactUrl('https://ghp_abcdef@api.example.com/x')).toBe('https://***@api.example.com/x');
    expect(redactUrl('https://api.example.com/h?access_token=abc&x=1&apikey=k')).toBe('https://api.example.com/h?access_token=***&x=1&apikey=***');
    expect(redactUrl('tcp://db.internal:5432')).toBe('tcp://db.internal:5432');
    expect(redactUrlsIn('cannot fetch http://bob:s3cr3t@127.0.0.1:1/x: refused')).toBe('cannot fetch http://bob:***@127.0.0.1:1/x: refused');
  });
});

describe('a probe whose URL carries credentials', () => {
  it('still authenticates, but its alerts name the URL without them', async () => {
    const { port, seen } = await serve(503);
    const target = targetSchema.parse({ name: 'api', url: `http://bob:s3cr3t@127.0.0.1:${port}/health?token=t0k3n`, interval: '10s', timeout: '2s', failureThreshold: 1 });
    const runner = createProbeRunner(envSecretResolver({}));
    try {
      const tracker = new TargetTracker(target);
      const raw = await runner.run(target);
      tracker.record(judge(target, raw, raw.at));
      const alerts = tracker.alerts(raw.at);
      expect(alerts.map((a) => a.labels.alertname)).toEqual(['TargetDown']);
      expect(alerts[0]?.annotations.description).toContain(`http://bob:***@127.0.0.1:${port}/health?token=***`);
      expect(JSON.stringify(alerts)).not.toMatch(/s3cr3t|t0k3n/);
      expect(seen[0]?.authorization).toBe(`Basic ${Buffer.from('bob:s3cr3t').toString('base64')}`);
    } finally {
      runner.close();
    }
  });
});

describe('an Alertmanager URL with user:pass@', () => {
  it('sends the credentials as a header and never quotes them in an error', async () => {
    const { port, seen } = await serve(500);
    const client = new AlertmanagerClient('team', `http://am:hunter22@127.0.0.1:${port}/`);
    const failure = await client.alerts().then(
      () => null,
      (err: Error) => err.message,
    );
    expect(failure).toMatch(/answered 500/);
    expect(failure).not.toContain('hunter22');
    expect(seen[0]?.authorization).toBe(`Basic ${Buffer.from('am:hunter22').toString('base64')}`);

    const closed = new AlertmanagerClient('gone', 'http://am:hunter22@127.0.0.1:1/');
    const unreachable = await closed.alerts().then(
      () => null,
      (err: Error) => err.message,
    );
    expect(unreachable).toMatch(/unreachable/);
    expect(unreachable).not.toContain('hunter22');
  });
});

describe('Prometheus credentials', () => {
  it('are sent, but never quoted in the "source unavailable" error, whether refused, rejected or unreachable', async () => {
    const { port, seen } = await serve(401);
    const env = { PROM_PASSWORD: 'pr0m-pa55', PROM_TOKEN: 'pr0m-t0k3n' };
    const basic = new PrometheusClient({ name: 'main', url: `http://127.0.0.1:${port}`, basicAuth: { username: 'ops', password: { env: 'PROM_PASSWORD' } }, env });
    const bearer = new PrometheusClient({ name: 'main', url: `http://127.0.0.1:${port}`, bearerToken: { env: 'PROM_TOKEN' }, env });
    const inUrl = new PrometheusClient({ name: 'main', url: 'http://ops:pr0m-pa55@127.0.0.1:1', env });
    const messages: string[] = [];
    for (const client of [basic, bearer, inUrl]) {
      messages.push(await client.query('up').then(() => '', (err: Error) => err.message));
      client.close();
    }
    expect(messages[0]).toMatch(/unavailable: HTTP 401 \(check credentials\)/);
    expect(messages[2]).toMatch(/unavailable/);
    expect(messages.join('\n')).not.toMatch(/pr0m-pa55|pr0m-t0k3n/);
    expect(seen.map((h) => h.authorization)).toEqual([`Basic ${Buffer.from('ops:pr0m-pa55').toString('base64')}`, 'Bearer pr0m-t0k3n']);
  });
});
