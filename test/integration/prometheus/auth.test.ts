import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PrometheusClient, type PrometheusClientOptions } from '../../../main/core/prometheus/client';
import { SourceUnavailableError } from '../../../main/core/prometheus/errors';
import { basicAuthPassword, startPrometheus, type PrometheusPeer } from '../../support/prometheus';

describe('a real Prometheus behind basic auth (--web.config.file)', () => {
  let prom: PrometheusPeer;
  let dir: string;

  beforeAll(async () => {
    prom = await startPrometheus({ targets: [], basicAuthUser: 'oncall' });
    dir = mkdtempSync(join(tmpdir(), 'oncall-prom-auth-'));
  });
  afterAll(async () => {
    await prom?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  const ask = async (options: Partial<PrometheusClientOptions>) => {
    const client = new PrometheusClient({ name: 'secured', url: prom.url, timeout: 5_000, ...options });
    try {
      return await client.query('vector(42)');
    } finally {
      client.close();
    }
  };

  it('reads the password from an environment variable or a file, never from config', async () => {
    const env = { PROM_PASSWORD: basicAuthPassword };
    expect(await ask({ basicAuth: { username: 'oncall', password: { env: 'PROM_PASSWORD' } }, env })).toMatchObject({ type: 'vector', samples: [{ value: 42 }] });
    const file = join(dir, 'password');
    writeFileSync(file, `${basicAuthPassword}\n`, { mode: 0o600 });
    expect(await ask({ basicAuth: { username: 'oncall', password: { file } } })).toMatchObject({ type: 'vector', samples: [{ value: 42 }] });
  });

  it('a refused login, a missing secret or no credentials are "source unavailable", with the reason', async () => {
    const wrong = await ask({ basicAuth: { username: 'oncall', password: { env: 'PROM_PASSWORD' } }, env: { PROM_PASSWORD: 'battery staple' } }).catch((e: unknown) => e);
    expect(wrong).toBeInstanceOf(SourceUnavailableError);
    expect((wrong as Error).message).toBe('Prometheus "secured" is unavailable: HTTP 401 (check credentials)');
    await expect(ask({ basicAuth: { username: 'oncall', password: { env: 'PROM_PASSWORD' } }, env: {} })).rejects.toThrow(/environment variable PROM_PASSWORD is not set/);
    await expect(ask({ basicAuth: { username: 'oncall', password: { file: join(dir, 'missing') } } })).rejects.toThrow(/cannot read .*missing/);
    await expect(ask({})).rejects.toBeInstanceOf(SourceUnavailableError);
  });
});
