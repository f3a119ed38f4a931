import type { Server } from 'node:http';
import type { Server as TcpServer } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { targetSchema, type TargetInput } from '../../../main/core/probes/config';
import { judge } from '../../../main/core/probes/evaluate';
import { createProbeRunner } from '../../../main/core/probes/runner';
import { envSecretResolver } from '../../../main/core/probes/secrets';
import { cli } from '../../support/cli';
import { close, httpServer, httpsServer, json, listen, selfSignedCert, tcpServer } from './servers';

let http: Server;
let httpsShort: Server;
let httpsLong: Server;
let tcp: TcpServer;
const port = { http: 0, short: 0, long: 0, tcp: 0, closed: 0 };
const checks = { database: true, redis: true, disk_space: true };
const runner = createProbeRunner(envSecretResolver({ API_TOKEN: 's3cret', ONCALL_SECRET_STATUS_KEY: 'k3y' }));

beforeAll(async () => {
  http = httpServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    if (path === '/health/ready') {
      const ok = Object.values(checks).every(Boolean);
      return json(res, ok ? 200 : 503, { status: ok ? 'ready' : 'not_ready', checks });
    }
    if (path === '/health/detailed') return json(res, 200, { status: 'degraded', components: { database: { status: checks.database ? 'ok' : 'failing' }, redis: { status: 'ok' } } });
    if (path === '/secure') return json(res, req.headers.authorization === 'Bearer s3cret' && req.headers['x-status-key'] === 'k3y' ? 200 : 401, {});
    if (path === '/slow') return void setTimeout(() => json(res, 200, {}), 400);
    if (path === '/text') return void res.end('all systems ok');
    json(res, 404, {});
  });
  const short = selfSignedCert(5);
  const long = selfSignedCert(60);
  httpsShort = httpsServer(short, (_req, res) => json(res, 200, { status: 'ok' }));
  httpsLong = httpsServer(long, (_req, res) => json(res, 200, { status: 'ok' }));
  tcp = tcpServer();
  port.http = await listen(http);
  port.short = await listen(httpsShort);
  port.long = await listen(httpsLong);
  port.tcp = await listen(tcp);
  const spare = tcpServer();
  port.closed = await listen(spare);
  await close(spare);
});

afterAll(async () => {
  runner.close();
  await Promise.all([close(http), close(httpsShort), close(httpsLong), close(tcp)]);
});

async function probe(input: Partial<TargetInput> & { url: string }) {
  const target = targetSchema.parse({ name: 't', interval: '10s', timeout: '2s', ...input });
  const raw = await runner.run(target);
  return { raw, check: judge(target, raw, Date.now()) };
}

describe('HTTP probes against a local server', () => {
  it('reads the seed 003 /health/ready shape and names the failing check', async () => {
    expect((await probe({ url: `http://127.0.0.1:${port.http}/health/ready` })).check.ok).toBe(true);
    checks.database = false;
    try {
      const { check } = await probe({ url: `http://127.0.0.1:${port.http}/health/ready` });
      expect(check.ok).toBe(false);
      expect(check.status).toBe(503);
      expect(check.failingChecks).toEqual(['database']);
      expect(check.reason).toContain('failing checks: database');
      const detailed = await probe({ url: `http://127.0.0.1:${port.http}/health/detailed` });
      expect(detailed.check.failingChecks).toEqual(['database']);
    } finally {
      checks.database = true;
    }
  });

  it('evaluates Gatus conditions on status, JSON body, text body and response time', async () => {
    const url = `http://127.0.0.1:${port.http}/health/ready`;
    const good = await probe({ url, conditions: ['[STATUS] == 200', '[BODY].checks.database == true', '[RESPONSE_TIME] < 1000', 'len([BODY].checks) == 48'] });
    expect(good.check.failedConditions).toEqual([]);
    const bad = await probe({ url, conditions: ['[BODY].status == pat(*degraded*)'] });
    expect(bad.check.ok).toBe(false);
    expect(bad.check.failedConditions).toEqual(['[BODY].status (ready) == pat(*degraded*)']);
    expect((await probe({ url: `http://127.0.0.1:${port.http}/text`, conditions: ['[BODY] == pat(*ok*)'] })).check.ok).toBe(true);
  });

  it('checks expected status as exact code, list and class', async () => {
    const url = `http://127.0.0.1:${port.http}/missing`;
    expect((await probe({ url })).check.reason).toBe('status 404, expected 2xx');
    expect((await probe({ url, expectStatus: 404 })).check.ok).toBe(true);
    expect((await probe({ url, expectStatus: [200, 404] })).check.ok).toBe(true);
    expect((await probe({ url, expectStatus: '4xx' })).check.ok).toBe(true);
  });

  it('resolves ${env:NAME} and keychain:NAME header secrets at request time', async () => {
    const url = `http://127.0.0.1:${port.http}/secure`;
    expect((await probe({ url, headers: { Authorization: 'Bearer ${env:API_TOKEN}', 'X-Status-Key': 'keychain:status_key' } })).check.ok).toBe(true);
    const missing = await probe({ url, headers: { Authorization: 'Bearer ${env:NOT_SET}' } });
    expect(missing.check.ok).toBe(false);
    expect(missing.raw.errorKind).toBe('secret');
    expect(missing.check.reason).toBe('environment variable NOT_SET is not set');
  });

  it('refuses a literal secret in config', () => {
    const result = targetSchema.safeParse({ name: 't', url: 'http://127.0.0.1/', headers: { Authorization: 'Bearer abc' } });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.message).toContain('${env:NAME} or keychain:NAME');
  });

  it('times out and flags slow answers against latency thresholds', async () => {
    const timedOut = await probe({ url: `http://127.0.0.1:${port.http}/slow`, timeout: '150ms' });
    expect(timedOut.raw.errorKind).toBe('timeout');
    expect(timedOut.check.ok).toBe(false);
    const slow = await probe({ url: `http://127.0.0.1:${port.http}/slow`, latency: { warning: '200ms', critical: '5s' } });
    expect(slow.check.ok).toBe(true);
    expect(slow.check.slow).toBe('warning');
  });

  it('reports a refused connection', async () => {
    const { raw, check } = await probe({ url: `http://127.0.0.1:${port.closed}/health` });
    expect(raw.errorKind).toBe('refused');
    expect(check.ok).toBe(false);
    expect(check.error).toBe(true);
  });

  it('rejects timeout >= interval', () => {
    const result = targetSchema.safeParse({ name: 't', url: 'http://127.0.0.1/', interval: '5s', timeout: '5s' });
    expect(result.error?.issues[0]?.message).toBe('timeout must be shorter than interval');
  });
});

describe('HTTPS certificates (self-signed by openssl)', () => {
  it('fails an untrusted certificate unless the target is insecure', async () => {
    const strict = await probe({ url: `https://127.0.0.1:${port.long}/` });
    expect(strict.check.ok).toBe(false);
    expect(strict.raw.errorKind).toBe('tls');
    const insecure = await probe({ url: `https://127.0.0.1:${port.long}/`, insecure: true });
    expect(insecure.check.ok).toBe(true);
    expect(insecure.check.certLevel).toBeNull();
  });

  it('is critical 7 days before expiry and exposes [CERTIFICATE_EXPIRATION]', async () => {
    const { check } = await probe({ url: `https://127.0.0.1:${port.short}/`, insecure: true, conditions: ['[CERTIFICATE_EXPIRATION] > 168h'] });
    expect(check.certLevel).toBe('critical');
    expect((check.certExpiresAt ?? 0) - Date.now()).toBeGreaterThan(4 * 86_400_000);
    expect(check.failedConditions[0]).toMatch(/^\[CERTIFICATE_EXPIRATION\] \(\d+\) > 168h$/);
  });
});

describe('TCP probes', () => {
  it('connects to an open port and fails on a closed one', async () => {
    expect((await probe({ url: `tcp://127.0.0.1:${port.tcp}`, conditions: ['[CONNECTED] == true'] })).check.ok).toBe(true);
    const closed = await probe({ url: `tcp://127.0.0.1:${port.closed}` });
    expect(closed.check.ok).toBe(false);
    expect(closed.raw.errorKind).toBe('refused');
  });
});

describe('oncall probe', () => {
  it('exits 0 when healthy and 1 when a condition fails, with one JSON document', async () => {
    const url = `http://127.0.0.1:${port.http}/health/ready`;
    const ok = await cli(['probe', url, '--expect-status', '200', '--condition', '[BODY].checks.database == true']);
    expect(ok.code).toBe(0);
    expect(ok.stdout).toMatch(/^UP {2}http:\/\/127\.0\.0\.1:\d+\/health\/ready {2}HTTP 200/);
    expect(ok.stdout).toContain('ok    [BODY].checks.database (true) == true');
    const bad = await cli(['probe', url, '--condition', '[BODY].checks.database == false', '--json']);
    expect(bad.code).toBe(1);
    const doc = JSON.parse(bad.stdout) as { ok: boolean; status: number; failedConditions: string[] };
    expect(doc).toMatchObject({ ok: false, status: 200, failedConditions: ['[BODY].checks.database (true) == false'] });
  });

  it('exits 1 for a refused TCP port and 2 for a bad condition, naming the column', async () => {
    expect((await cli(['probe', `tcp://127.0.0.1:${port.closed}`])).code).toBe(1);
    const usage = await cli(['probe', 'http://127.0.0.1/', '--condition', '[STATUS] = 200']);
    expect(usage.code).toBe(2);
    expect(usage.stderr).toMatch(/needs a space on each side.*\(column 10\)/);
  });
});
