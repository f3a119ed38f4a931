import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { formatProblem, loadRuleFiles } from '../../../main/core/rules/loader';
import { parseRuleFile } from '../../../main/core/rules/parse';
import { RuleGroup } from '../../../main/core/rules/group';
import { FakeClock } from '../../support/fake-clock';

const full = `# every field of the rule-file format
groups:
  - name: api
    interval: 30s
    limit: 10
    query_offset: 1m
    rules:
      - record: job:http_errors:rate5m
        expr: sum by (job) (rate(http_requests_total{code=~"5.."}[5m]))
        labels:
          team: web
      - alert: HighErrorRate
        expr: job:http_errors:rate5m > 0.01
        for: 5m
        keep_firing_for: 2m
        labels:
          severity: critical
          priority: 1e3
        annotations:
          summary: "Error rate of {{ $labels.job }} is {{ $value | humanizePercentage }}"
          runbook_url: https://runbooks.example.com/high-error-rate
  - name: plain
    rules:
      - alert: Down
        expr: up == 0
`;

describe('parseRuleFile', () => {
  it('reads groups, interval, limit, query_offset, for, keep_firing_for, labels and annotations', () => {
    const parsed = parseRuleFile(full, 'api.yml');
    expect(parsed.errors).toEqual([]);
    const [api, plain] = parsed.groups;
    expect(api).toMatchObject({ name: 'api', file: 'api.yml', interval: 30_000, limit: 10, queryOffset: 60_000, line: 3 });
    expect(plain).toMatchObject({ name: 'plain', interval: null, limit: 0, queryOffset: 0, line: 22 });
    expect(api?.rules).toEqual([
      { kind: 'recording', name: 'job:http_errors:rate5m', expr: 'sum by (job) (rate(http_requests_total{code=~"5.."}[5m]))', for: 0, keepFiringFor: 0, labels: { team: 'web' }, annotations: {}, line: 8 },
      {
        kind: 'alerting',
        name: 'HighErrorRate',
        expr: 'job:http_errors:rate5m > 0.01',
        for: 300_000,
        keepFiringFor: 120_000,
        // Go's yaml.v3 gives a string field the scalar as written: 1e3 stays "1e3".
        labels: { severity: 'critical', priority: '1e3' },
        annotations: { summary: 'Error rate of {{ $labels.job }} is {{ $value | humanizePercentage }}', runbook_url: 'https://runbooks.example.com/high-error-rate' },
        line: 12,
      },
    ]);
  });

  it('accepts Prometheus duration syntax only (units in order, no spaces)', () => {
    const at = (d: string) => parseRuleFile(`groups:\n- name: g\n  rules:\n  - alert: A\n    expr: up\n    for: ${d}\n`, 'd.yml');
    expect(at('1h30m').groups[0]?.rules[0]?.for).toBe(5_400_000);
    expect(at('0').groups[0]?.rules[0]?.for).toBe(0);
    expect(at('1w2d').groups[0]?.rules[0]?.for).toBe(9 * 86_400_000);
    expect(at('30m1h').errors[0]?.message).toBe('not a valid duration string: "30m1h"');
  });

  it('treats an empty file as a file with no groups', () => {
    expect(parseRuleFile('', 'empty.yml')).toEqual({ file: 'empty.yml', groups: [], errors: [] });
    expect(parseRuleFile('# only a comment\n', 'c.yml').errors).toEqual([]);
  });

  // The reasons are worded like promtool 2.42's (checked by hand against `promtool check rules`).
  const bad: [string, string, string][] = [
    ['bad duration', 'groups:\n- name: a\n  rules:\n  - alert: X\n    expr: up == 0\n    for: 5 minutes\n', 'bad.yml:6:10: not a valid duration string: "5 minutes"'],
    ['unknown field', 'groups:\n- name: a\n  rules:\n  - alert: X\n    expr: up == 0\n    severity: page\n', 'bad.yml:6:5: field severity not found in type rulefmt.RuleNode'],
    ['unknown group field', 'groups:\n- name: a\n  evaluation_interval: 1m\n  rules: []\n', 'bad.yml:3:3: field evaluation_interval not found in type rulefmt.RuleGroup'],
    ['repeated group', 'groups:\n- name: a\n  rules:\n  - alert: X\n    expr: up == 0\n- name: a\n  rules: []\n', 'bad.yml:6:3: groupname: "a" is repeated in the same file'],
    ['for on a recording rule', 'groups:\n- name: a\n  rules:\n  - record: job:up\n    expr: sum(up)\n    for: 1m\n', `bad.yml:4:5: group "a", rule 1, "job:up": invalid field 'for' in recording rule`],
    ['unknown template function', 'groups:\n- name: a\n  rules:\n  - alert: X\n    expr: up == 0\n    labels:\n      severity: "{{ nosuch }}"\n', 'bad.yml:4:5: group "a", rule 1, "X": label "severity": template: __alert_X:1: function "nosuch" not defined'],
    ['unclosed template action', 'groups:\n- name: a\n  rules:\n  - alert: X\n    expr: up == 0\n    annotations:\n      summary: "{{ if $value }}high"\n', 'bad.yml:4:5: group "a", rule 1, "X": annotation "summary": template: __alert_X:1: unexpected EOF'],
    ['record and alert', 'groups:\n- name: a\n  rules:\n  - alert: X\n    record: x\n    expr: up\n', `bad.yml:4:5: group "a", rule 1, "X": only one of 'record' and 'alert' must be set`],
    ['missing expr', 'groups:\n- name: a\n  rules:\n  - alert: X\n', `bad.yml:4:5: group "a", rule 1, "X": field 'expr' must be set in rule`],
    ['invalid label name', 'groups:\n- name: a\n  rules:\n  - alert: X\n    expr: up\n    labels:\n      bad-name: x\n', 'bad.yml:4:5: group "a", rule 1, "X": invalid label name: bad-name'],
    ['not a list', 'groups:\n  name: a\n', 'bad.yml:2:3: cannot unmarshal !!map into groups (expected a list)'],
    ['empty group name', 'groups:\n- rules: []\n', 'bad.yml:2:3: Groupname must not be empty'],
  ];
  it.each(bad)('rejects a file with %s, naming file:line:column and the reason', (_what, text, expected) => {
    const parsed = parseRuleFile(text, 'bad.yml');
    expect(parsed.groups).toEqual([]);
    expect(parsed.errors.map(formatProblem)).toEqual([expected]);
  });

  it('reports YAML syntax errors with their position', () => {
    // A mis-indented key on line 6 (promtool's yaml.v3 blames line 1 here; we name the real line).
    const parsed = parseRuleFile('groups:\n- name: a\n  rules:\n  - alert: X\n    expr: up\n   labels: {a: b}\n', 'broken.yml');
    expect(parsed.groups).toEqual([]);
    expect(parsed.errors[0]).toMatchObject({ file: 'broken.yml', line: 6, column: 1 });
    expect(parsed.errors[0]?.message).toMatch(/^yaml: /);
  });

  it('keeps recording rules for listing but evaluates only alerting rules (they run server-side)', () => {
    const parsed = parseRuleFile(full, 'api.yml');
    const clock = new FakeClock();
    const group = new RuleGroup(parsed.groups[0]!, { clock, defaultInterval: 60_000, externalLabels: {}, externalUrl: '', query: () => Promise.resolve([]) });
    expect(group.rules.map((r) => r.name)).toEqual(['HighErrorRate']);
    expect(group.recording.map((r) => r.name)).toEqual(['job:http_errors:rate5m']);
    expect(group.interval).toBe(30_000);
    expect(new RuleGroup(parsed.groups[1]!, { clock, defaultInterval: 60_000, externalLabels: {}, externalUrl: '', query: () => Promise.resolve([]) }).interval).toBe(60_000);
  });
});

describe('loadRuleFiles', () => {
  const dir = mkdtempSync(join(tmpdir(), 'oncall-rules-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('rejects a broken file alone; the other files keep their rules', () => {
    writeFileSync(join(dir, 'good.yml'), full);
    writeFileSync(join(dir, 'bad.yml'), 'groups:\n- name: a\n  rules:\n  - alert: X\n    expr: up\n    for: soon\n');
    const [good, broken, missing] = loadRuleFiles([join(dir, 'good.yml'), join(dir, 'bad.yml'), join(dir, 'absent.yml')]);
    expect(good?.errors).toEqual([]);
    expect(good?.groups.map((g) => g.name)).toEqual(['api', 'plain']);
    expect(broken?.groups).toEqual([]);
    expect(broken?.errors.map(formatProblem)).toEqual([`${join(dir, 'bad.yml')}:6:10: not a valid duration string: "soon"`]);
    expect(missing?.errors.map(formatProblem)).toEqual([`${join(dir, 'absent.yml')}: cannot read: ENOENT`]);
  });
});
