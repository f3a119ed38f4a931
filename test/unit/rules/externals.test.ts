import { describe, expect, it } from 'vitest';
import { SourceUnavailableError } from '../../../main/core/prometheus/errors';
import { externalLabelsOf, normalizeExternalUrl, ServerExternals } from '../../../main/core/prometheus/externals';

/** A stand-in for the two status endpoints; each answer is a value or an error to throw. */
function fakeServer(answers: { config: string | Error; flags: Record<string, string> | Error }) {
  const calls = { config: 0, flags: 0 };
  const client = {
    name: 'prom',
    statusConfig: () => {
      calls.config++;
      return answers.config instanceof Error ? Promise.reject(answers.config) : Promise.resolve(answers.config);
    },
    statusFlags: () => {
      calls.flags++;
      return answers.flags instanceof Error ? Promise.reject(answers.flags) : Promise.resolve(answers.flags);
    },
  };
  return { client, calls, answers };
}

const yaml = 'global:\n  scrape_interval: 15s\n  external_labels:\n    cluster: eu-1\n    replica: "1"\nrule_files: []\n';

describe('ServerExternals', () => {
  it('takes global.external_labels and --web.external-url from the server', async () => {
    const { client } = fakeServer({ config: yaml, flags: { 'web.external-url': 'http://prom.example/prom/' } });
    const externals = new ServerExternals(client, {}, 'http://fallback', () => undefined);
    expect(externals.externalLabels).toEqual({});
    expect(externals.externalUrl).toBe('http://fallback');
    await externals.refresh();
    expect(externals.externalLabels).toEqual({ cluster: 'eu-1', replica: '1' });
    expect(externals.externalUrl).toBe('http://prom.example/prom');
  });

  it('lets an override replace the server’s value and then does not ask for it', async () => {
    const { client, calls } = fakeServer({ config: yaml, flags: { 'web.external-url': 'http://prom.example' } });
    const externals = new ServerExternals(client, { externalLabels: { cluster: 'mine' }, externalURL: 'https://console.example' }, 'http://fallback', () => undefined);
    await externals.refresh();
    expect(externals.externalLabels).toEqual({ cluster: 'mine' });
    expect(externals.externalUrl).toBe('https://console.example');
    expect(calls).toEqual({ config: 0, flags: 0 });
  });

  it('falls back to the queried URL when the flag is empty (Prometheus then names its host)', async () => {
    const { client } = fakeServer({ config: 'global: {}\n', flags: { 'web.external-url': '' } });
    const externals = new ServerExternals(client, {}, 'http://127.0.0.1:9090', () => undefined);
    await externals.refresh();
    expect(externals.externalLabels).toEqual({});
    expect(externals.externalUrl).toBe('http://127.0.0.1:9090');
  });

  it('warns once when the server answers without the endpoints, and never throws', async () => {
    const notFound = new SourceUnavailableError('prom', 'HTTP 404', true);
    const { client } = fakeServer({ config: notFound, flags: notFound });
    const warnings: string[] = [];
    const externals = new ServerExternals(client, { externalLabels: undefined }, 'http://fallback', (m) => warnings.push(m));
    await externals.refresh();
    await externals.refresh();
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toContain('/api/v1/status/config: Prometheus "prom" is unavailable: HTTP 404');
    expect(externals.externalLabels).toEqual({});
  });

  it('stays quiet during an outage and picks the values up when asked again', async () => {
    const server = fakeServer({ config: new SourceUnavailableError('prom', 'connect ECONNREFUSED'), flags: new SourceUnavailableError('prom', 'connect ECONNREFUSED') });
    const warnings: string[] = [];
    const externals = new ServerExternals(server.client, {}, 'http://fallback', (m) => warnings.push(m));
    await externals.refresh();
    expect(warnings).toEqual([]);
    server.answers.config = yaml;
    server.answers.flags = { 'web.external-url': 'http://prom.example' };
    await externals.refresh();
    expect(externals.externalLabels.cluster).toBe('eu-1');
    expect(externals.externalUrl).toBe('http://prom.example');
  });

  it('warns about a configuration it cannot read, without failing', async () => {
    const { client } = fakeServer({ config: 'global: [unclosed', flags: {} });
    const warnings: string[] = [];
    const externals = new ServerExternals(client, {}, 'http://fallback', (m) => warnings.push(m));
    await externals.refresh();
    expect(warnings).toHaveLength(1);
    expect(externals.externalLabels).toEqual({});
  });
});

describe('external URL and labels as Prometheus reads them', () => {
  it.each([
    ['http://h:9090/', 'http://h:9090'],
    ['http://h:9090', 'http://h:9090'],
    ['https://h/prometheus//', 'https://h/prometheus'],
    ['', null],
  ])('%s -> %s', (flag, expected) => {
    expect(normalizeExternalUrl(flag)).toBe(expected);
  });

  it('reads labels as strings, and none when the section is absent', () => {
    expect(externalLabelsOf('global:\n  external_labels:\n    n: 3\n')).toEqual({ n: '3' });
    expect(externalLabelsOf('scrape_configs: []\n')).toEqual({});
    expect(externalLabelsOf('global:\n  external_labels:\n')).toEqual({});
  });
});
