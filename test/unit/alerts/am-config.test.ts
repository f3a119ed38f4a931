import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { alertmanagerPath } from '../../../main/core/alerts/am/load';
import { receiverWarnings } from '../../../main/core/alerts/am/receivers';
import { routeTest } from '../../../main/core/alerts/am/report';
import { compileRouteTree } from '../../../main/core/alerts/routes';
import { openConfigStore, parseConfigText } from '../../../main/core/composed-config';
import { cli } from '../../support/cli';

const dir = mkdtempSync(join(tmpdir(), 'oncall-am-config-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const teamFile = `global:
  resolve_timeout: 5m
templates: ['*.tmpl']
route:
  receiver: team-mails
  group_by: [alertname]
  routes:
    - match: { severity: critical }
      receiver: team-pager
      continue: true
    - matchers: ['service=~"db.*"']
      receiver: db-hook
receivers:
  - name: team-mails
    email_configs: [{ to: team@example.com }]
  - name: team-pager
    pagerduty_configs: [{ routing_key: x }]
  - name: db-hook
    webhook_configs: [{ url: 'http://127.0.0.1:9/' }]
`;

function home(files: Record<string, string>): string {
  const h = mkdtempSync(join(dir, 'home-'));
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(join(h, name, '..'), { recursive: true });
    writeFileSync(join(h, name), text);
  }
  return h;
}

describe('alerting.alertmanagerConfig', () => {
  it('reads route, inhibit rules and receivers from the file, relative to config.yml', () => {
    const h = home({ 'team/alertmanager.yml': teamFile });
    const r = parseConfigText('alerting:\n  alertmanagerConfig: team/alertmanager.yml\n', join(h, 'config.yml'));
    expect(r.ok ? [] : r.issues).toEqual([]);
    if (!r.ok) return;
    expect(r.files).toEqual([join(h, 'team/alertmanager.yml')]);
    expect(r.config.alerting.receivers.map((x) => [x.name, Object.keys(x.configs)])).toEqual([
      ['team-mails', ['email_configs']],
      ['team-pager', ['pagerduty_configs']],
      ['db-hook', ['webhook_configs']],
    ]);
    const root = compileRouteTree(r.config.alerting);
    expect(routeTest(root, { severity: 'critical', service: 'db-1' }).receivers).toEqual(['team-pager', 'db-hook']);
    expect(routeTest(root, { service: 'web' }).routes).toMatchObject([{ receiver: 'team-mails', path: 'route', group_by: ['alertname'] }]);
    // Kinds the console cannot deliver are kept and reported, never rejected; e-mail and webhooks it delivers.
    expect(receiverWarnings(r.config.alerting.receivers)).toEqual([expect.stringContaining('"team-pager": pagerduty_configs (1)') as string]);
  });

  it('expands ~ and keeps absolute paths', () => {
    expect(alertmanagerPath('~/am.yml', '/etc/oncall/config.yml')).toBe(join(homedir(), 'am.yml'));
    expect(alertmanagerPath('/srv/am.yml', '/etc/oncall/config.yml')).toBe('/srv/am.yml');
    expect(alertmanagerPath('am.yml', '/etc/oncall/config.yml')).toBe('/etc/oncall/am.yml');
  });

  it('refuses the same block both in the file and inline', () => {
    const h = home({ 'am.yml': teamFile });
    const r = parseConfigText('alerting:\n  alertmanagerConfig: am.yml\n  route:\n    receiver: x\n', join(h, 'config.yml'));
    expect(r.ok ? [] : r.issues).toEqual([expect.objectContaining({ line: 3, field: 'alerting.route' })]);
  });

  it('a missing or broken file is an issue naming that file; the last good config keeps running', () => {
    const h = home({ 'am.yml': teamFile, 'config.yml': 'alerting:\n  alertmanagerConfig: am.yml\n' });
    const store = openConfigStore(join(h, 'config.yml'));
    expect(store.reload()).toBe(true);
    expect(store.current().alerting.receivers).toHaveLength(3);
    writeFileSync(join(h, 'am.yml'), teamFile.replace('receiver: db-hook', 'receiver: nobody'));
    // config.yml did not change, but the file it points at did: the store notices.
    expect(store.reload()).toBe(false);
    expect(store.state().issues).toEqual([{ file: join(h, 'am.yml'), line: 12, column: 7, field: 'route.routes[1].receiver', message: 'undefined receiver "nobody" used in route' }]);
    expect(store.current().alerting.receivers).toHaveLength(3);
    rmSync(join(h, 'am.yml'));
    expect(store.reload()).toBe(false);
    expect(store.state().issues).toEqual([expect.objectContaining({ file: join(h, 'am.yml'), field: '(file)' })]);
    writeFileSync(join(h, 'am.yml'), teamFile);
    expect(store.reload()).toBe(true);
    expect(store.state().issues).toEqual([]);
  });
});

describe('inline alerting blocks', () => {
  it('groups by nothing at the root unless told (Alertmanager default)', () => {
    const r = parseConfigText('', 'config.yml');
    if (!r.ok) throw new Error('default config must load');
    expect(routeTest(compileRouteTree(r.config.alerting), { alertname: 'X' }).routes[0]).toMatchObject({ group_by: [], group_wait: '30s', group_interval: '5m', repeat_interval: '4h' });
  });

  it('a console-only route needs no receivers; once receivers appear, Alertmanager rules apply', () => {
    expect(parseConfigText('alerting:\n  route:\n    routes:\n      - matchers: [a="1"]\n        mute: true\n', 'config.yml').ok).toBe(true);
    const r = parseConfigText('alerting:\n  route:\n    routes:\n      - receiver: pager\n  receivers:\n    - name: mails\n', 'config.yml');
    expect(r.ok ? [] : r.issues.map((i) => [i.line, i.field, i.message])).toEqual([
      [2, 'alerting.route', 'root route must specify a default receiver'],
      [4, 'alerting.route.routes[0].receiver', 'undefined receiver "pager" used in route'],
    ]);
  });

  it('reads numbers in routing blocks as written, like go-yaml into a string field', () => {
    const r = parseConfigText('alerting:\n  route:\n    routes:\n      - match: { version: 1.10 }\n        mute: true\n', 'config.yml');
    if (!r.ok) throw new Error(JSON.stringify(r.issues));
    expect(r.config.alerting.route.routes[0]?.matchers).toEqual([{ name: 'version', op: '=', value: '1.10' }]);
  });

  it('rejects matchers on the root route even without receivers', () => {
    const r = parseConfigText('alerting:\n  route:\n    matchers: [a="1"]\n', 'config.yml');
    expect(r.ok ? [] : r.issues.map((i) => [i.line, i.field])).toEqual([[3, 'alerting.route.matchers']]);
  });
});

describe('oncall alerts routes', () => {
  it('tests a console config.yml (the --home one by default) and prints the JSON shape', async () => {
    const h = home({ 'am.yml': teamFile, 'config.yml': 'alerting:\n  alertmanagerConfig: am.yml\n' });
    const text = await cli(['--home', h, 'alerts', 'routes', 'test', 'severity=critical']);
    expect([text.code, text.stdout]).toEqual([0, 'team-pager\n']);
    expect(text.stderr).toContain('pagerduty_configs');
    const json = await cli(['alerts', 'routes', 'test', '--config', join(h, 'am.yml'), '--json', 'severity="critical"', 'service=db']);
    expect(JSON.parse(json.stdout)).toEqual({
      receivers: ['team-pager', 'db-hook'],
      routes: [
        { receiver: 'team-pager', path: 'route.routes[0]', group_by: ['alertname'], group_wait: '30s', group_interval: '5m', repeat_interval: '4h', group_wait_ms: 30_000, group_interval_ms: 300_000, repeat_interval_ms: 14_400_000, mute_time_intervals: [], active_time_intervals: [] },
        { receiver: 'db-hook', path: 'route.routes[1]', group_by: ['alertname'], group_wait: '30s', group_interval: '5m', repeat_interval: '4h', group_wait_ms: 30_000, group_interval_ms: 300_000, repeat_interval_ms: 14_400_000, mute_time_intervals: [], active_time_intervals: [] },
      ],
    });
    const tree = await cli(['alerts', 'routes', '--config', join(h, 'config.yml')]);
    expect(tree.stdout).toContain('└── default-route  receiver: team-mails\n');
  });

  it('usage errors exit 2, config problems exit 1 with file:line:column', async () => {
    const h = home({ 'am.yml': 'route:\n  receiver: nobody\n' });
    expect((await cli(['alerts', 'routes', 'test', '--config', join(h, 'am.yml'), 'a=~b'])).code).toBe(2);
    const bad = await cli(['alerts', 'routes', 'test', '--config', join(h, 'am.yml'), 'a=b']);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain(`${join(h, 'am.yml')}:2:3: route.receiver: undefined receiver "nobody" used in route`);
    expect((await cli(['alerts', 'routes', '--config', join(h, 'missing.yml')])).code).toBe(1);
  });
});

describe('inhibit rules in both syntaxes', () => {
  it('old source_match/target_match_re and new matchers add up and inhibit as Alertmanager', async () => {
    const { Inhibitor } = await import('../../../main/core/alerts/inhibit');
    const { makeAlert } = await import('./harness');
    const r = parseConfigText(
      `alerting:
  inhibit_rules:
    - source_match: { severity: critical }
      target_match_re: { severity: 'warning|info' }
      equal: [cluster]
    - source_matchers: ['{alertname="NodeDown", env=~"(?i)PROD"}']
      target_matchers: [alertname="DiskFull"]
`,
      'config.yml',
    );
    if (!r.ok) throw new Error(JSON.stringify(r.issues));
    expect(r.config.alerting.inhibit_rules[0]).toEqual({
      source_matchers: [{ name: 'severity', op: '=', value: 'critical' }],
      target_matchers: [{ name: 'severity', op: '=~', value: '^(?:warning|info)$' }],
      equal: ['cluster'],
    });
    const inhibitor = new Inhibitor();
    inhibitor.setRules(r.config.alerting.inhibit_rules);
    const crit = makeAlert({ alertname: 'ApiDown', severity: 'critical', cluster: 'eu' });
    const warnSame = makeAlert({ alertname: 'Slow', severity: 'warning', cluster: 'eu' });
    const warnOther = makeAlert({ alertname: 'Slow', severity: 'warning', cluster: 'us' });
    const warnAnchored = makeAlert({ alertname: 'Slow', severity: 'warnings', cluster: 'eu' });
    const nodeDown = makeAlert({ alertname: 'NodeDown', env: 'prod' });
    const disk = makeAlert({ alertname: 'DiskFull', cluster: 'us' });
    inhibitor.full([crit, warnSame, warnOther, warnAnchored, nodeDown, disk]);
    const inhibited = [...inhibitor.inhibitions().keys()];
    expect(inhibited.sort()).toEqual([warnSame.fingerprint, disk.fingerprint].sort());
  });
});

describe('oncall alerts routes without a config.yml yet', () => {
  it('answers from the default config (one root route, no receiver)', async () => {
    const h = mkdtempSync(join(dir, 'empty-'));
    const r = await cli(['--home', h, 'alerts', 'routes', 'test', '--json', 'a=b']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ receivers: [''], routes: [{ path: 'route', group_by: [] }] });
  });
});
