import { describe, expect, it } from 'vitest';
import { compileRoute, matchRoutes } from '../../../main/core/alerts/routes';
import { priorityOf } from '../../../main/core/alerts/priority';
import { configSchema } from '../../../main/core/composed-config';
import { matchesAll, parseMatcher, parseMatchers } from '../../../preload/contract';

describe('matchers and the route tree', () => {
  it('parses the four operators, quoted or not, and anchors regexes like Alertmanager', () => {
    expect(parseMatchers('{severity="critical", service=~"api.*", env!=dev, team!~\'ops|sre\'}')).toEqual([
      { name: 'severity', op: '=', value: 'critical' },
      { name: 'service', op: '=~', value: 'api.*' },
      { name: 'env', op: '!=', value: 'dev' },
      { name: 'team', op: '!~', value: 'ops|sre' },
    ]);
    const m = parseMatcher('service=~api');
    expect(matchesAll([m], { service: 'api' })).toBe(true);
    expect(matchesAll([m], { service: 'api-gw' })).toBe(false);
    // A missing label is the empty string.
    expect(matchesAll([parseMatcher('env=""')], {})).toBe(true);
    expect(matchesAll([parseMatcher('env!~prod')], {})).toBe(true);
    expect(() => parseMatcher('service=~(')).toThrow(/bad regex/);
    expect(() => parseMatcher('not a matcher')).toThrow(/not a matcher/);
  });

  it('walks the tree: first matching child wins unless continue; unmatched alerts stay at the root', () => {
    const config = configSchema.parse({
      alerting: {
        route: {
          group_by: ['alertname'],
          routes: [
            { matchers: ['severity="critical"'], group_wait: '10s', continue: true, routes: [{ matchers: ['service=~"api.*"'], group_by: ['service'] }] },
            { matchers: ['severity=~"critical|warning"'], repeat_interval: '1h' },
            { matchers: ['team="db"'] },
          ],
        },
      },
    });
    const root = compileRoute(config.alerting.route);
    const ids = (labels: Record<string, string>) => matchRoutes(root, labels).map((r) => r.id);
    expect(ids({ severity: 'critical', service: 'api-gw' })).toEqual(['0.0.0', '0.1']);
    expect(ids({ severity: 'critical', service: 'web' })).toEqual(['0.0', '0.1']);
    expect(ids({ severity: 'warning', team: 'db' })).toEqual(['0.1']);
    expect(ids({ severity: 'info' })).toEqual(['0']);
    const [apiRoute] = matchRoutes(root, { severity: 'critical', service: 'api' });
    // Children inherit timings they do not set; the defaults are Alertmanager's.
    expect(apiRoute).toMatchObject({ groupBy: ['service'], groupWait: 10_000, groupInterval: 300_000, repeatInterval: 14_400_000 });
  });

  it('rejects a typo in a matcher at config load', () => {
    const r = configSchema.safeParse({ alerting: { route: { matchers: ['severity=="x"'] } } });
    expect(r.success).toBe(false);
  });

  it('derives priorities from labels (critical->P1, warning->P2, explicit priority wins)', () => {
    expect(priorityOf({ severity: 'critical' })).toBe('P1');
    expect(priorityOf({ severity: 'warning' })).toBe('P2');
    expect(priorityOf({ severity: 'info' })).toBe('P4');
    expect(priorityOf({ severity: 'warning', priority: 'p1' })).toBe('P1');
    expect(priorityOf({})).toBe('P3');
  });
});

describe('the commented alerting example in the default config.yml', () => {
  it('is valid once uncommented', async () => {
    const [{ defaultConfigText }, { parseConfigText }] = await Promise.all([import('../../../main/core/config'), import('../../../main/core/composed-config')]);
    const block = defaultConfigText.slice(defaultConfigText.indexOf('#alerting:'));
    const yaml = block
      .split('\n')
      .filter((l) => l.startsWith('#'))
      .map((l) => l.slice(1))
      .join('\n');
    const result = parseConfigText(yaml, 'config.yml');
    expect(result.ok ? [] : result.issues).toEqual([]);
    if (result.ok) expect(result.config.alerting.escalation.levels.map((l) => l.after)).toEqual([30 * 60_000, 60 * 60_000]);
  });
});
