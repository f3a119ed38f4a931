import { readFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseAlertmanagerText } from '../../../main/core/alerts/am/load';
import type { Receiver } from '../../../main/core/alerts/am/schema';
import { createDeliver } from '../../../main/core/channels/deliver';
import { integrationProblem } from '../../../main/core/channels/integrations/index';
import type { NotificationData } from '../../../main/core/channels/message';
import { startChannelReceiver, type ChannelReceiver } from '../../support/channel-receiver';
import { amCorpusConfigs } from '../../support/corpus';

/**
 * The corpus's 28 real alertmanager.yml files: every e-mail, Slack, webhook and Teams integration
 * in them reads cleanly, and every HTTP one, pointed at the local receivers instead of its real
 * host, renders its templates (the team's own, where the corpus has their files) and delivers a
 * payload of the documented shape.
 */
const deliverable = ['email', 'slack', 'webhook', 'msteams'];
const pathOf: Record<string, string> = { slack: '/slack', webhook: '/webhook', msteams: '/teams' };
const urlKey: Record<string, string> = { slack: 'api_url', webhook: 'url', msteams: 'webhook_url' };

const data: NotificationData = {
  receiver: 'r',
  status: 'firing',
  alerts: [
    { status: 'firing', labels: { alertname: 'HostDown', severity: 'critical', instance: 'h1:9100', job: 'node' }, annotations: { summary: 'h1 down', description: 'no scrape for 5m' }, startsAt: '2026-12-03T08:00:00Z', endsAt: '0001-01-01T00:00:00Z', generatorURL: 'http://prom/g', fingerprint: 'f1' },
  ],
  groupLabels: { alertname: 'HostDown' },
  commonLabels: { alertname: 'HostDown', severity: 'critical', instance: 'h1:9100', job: 'node' },
  commonAnnotations: { summary: 'h1 down', description: 'no scrape for 5m' },
  externalURL: 'http://am:9093',
  groupKey: '{}:{alertname="HostDown"}',
  truncatedAlerts: 0,
};

let rx: ChannelReceiver;
beforeAll(async () => {
  rx = await startChannelReceiver();
});
afterAll(async () => {
  await rx?.stop();
});

const loaded = amCorpusConfigs().map((file) => {
  const r = parseAlertmanagerText(readFileSync(file, 'utf8'), file);
  if (!r.ok) throw new Error(`${file}: ${JSON.stringify(r.issues)}`);
  return { file, settings: r.settings };
});

describe('the corpus receivers', () => {
  it('every deliverable integration config reads cleanly', () => {
    const problems: string[] = [];
    let count = 0;
    for (const { file, settings } of loaded)
      for (const r of settings.receivers)
        for (const [key, list] of Object.entries(r.configs)) {
          const kind = key.replace(/_configs$/, '');
          if (!deliverable.includes(kind)) continue;
          list.forEach((c, i) => {
            count++;
            const p = integrationProblem(kind, c);
            if (p) problems.push(`${file} ${r.name} ${key}[${i}]: ${p}`);
          });
        }
    expect(problems).toEqual([]);
    expect(count).toBe(54);
  });

  it('every HTTP integration renders and delivers a payload its receiver accepts', async () => {
    const failures: string[] = [];
    let sent = 0;
    for (const { file, settings } of loaded) {
      for (const r of settings.receivers) {
        for (const [key, list] of Object.entries(r.configs)) {
          const kind = key.replace(/_configs$/, '');
          if (!pathOf[kind]) continue;
          for (let i = 0; i < list.length; i++) {
            // Point it at the local receiver; secrets and hosts of the original are never used.
            const { [`${urlKey[kind]}_file`]: _f, http_config: _h, ...rest } = list[i] as Record<string, unknown>;
            const local: Receiver = { name: r.name, configs: { [key]: [{ ...rest, [urlKey[kind] as string]: `${rx.url}${pathOf[kind]}` }] } };
            const global = { ...((settings.delivery?.global ?? {}) as Record<string, unknown>), http_config: undefined };
            const deliver = createDeliver({ source: () => ({ receivers: [local], global, templates: settings.delivery?.templates, baseDir: dirname(file) }) });
            const result = await deliver({ receiver: r.name, kind, index: 0 }, { kind: 'alerts', data: { ...data, receiver: r.name } }, { idempotencyKey: 'c' });
            if (result.ok) sent++;
            else failures.push(`${file} ${r.name} ${key}[${i}]: ${result.answer}`);
          }
        }
      }
    }
    // What fails would fail in Alertmanager too: templates defined in files the corpus does not
    // have (nawex, giantswarm), and one text using Prometheus's $labels, which Alertmanager's
    // parser rejects as an undefined variable.
    expect(failures.filter((f) => !/no template "(nawex\.slack\.title|__runbook_url)" associated|undefined variable "\$labels"/.test(f))).toEqual([]);
    expect(failures).toHaveLength(12);
    expect(rx.received.every((x) => x.problems.length === 0)).toBe(true);
    expect(sent).toBe(rx.received.length);
    // The corpus has 38 HTTP integrations: 26 go out, the 12 above cannot (in Alertmanager either).
    expect(sent).toBe(26);
  });
});
