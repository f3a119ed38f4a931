import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { builtinRulesFile } from '../../../main/core/rules/service';
import { resourcesDir } from '../../../main/cli/paths';
import { cli, projectRoot } from '../../support/cli';
import { rulesCorpusFiles } from '../../support/corpus';
import { promtool } from '../../support/promtool';
import { invalidPromql, validPromql } from '../../unit/rules/promql-cases';
import { caseAlertName, caseSeries, templateCases } from '../../unit/rules/template-cases';

// promtool (Prometheus 2.42, Debian) is the reference: the console must reach the same verdicts
// on rule files and render the same template text.
const dir = mkdtempSync(join(tmpdir(), 'oncall-promtool-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function write(name: string, text: string): string {
  const file = join(dir, name);
  writeFileSync(file, text);
  return file;
}

describe('template rendering equals Prometheus', () => {
  it('promtool test rules (and oncall rules test) render every case of the template table as the table says', async () => {
    const key = (i: number) => `c${String(i).padStart(2, '0')}`;
    write('templates.yml', stringify({ groups: [{ name: 'templates', rules: [{ alert: caseAlertName, expr: caseSeries.metric, annotations: Object.fromEntries(templateCases.map((c, i) => [key(i), c.template])) }] }] }));
    const selector = `${caseSeries.metric}{${Object.entries(caseSeries.labels).map(([k, v]) => `${k}=${JSON.stringify(v)}`).join(',')}}`;
    const test = write(
      'templates.test.yml',
      stringify({
        rule_files: ['templates.yml'],
        evaluation_interval: '1m',
        tests: [
          {
            interval: '1m',
            input_series: [{ series: selector, values: `${caseSeries.value}x3` }],
            alert_rule_test: [{ eval_time: '1m', alertname: caseAlertName, exp_alerts: [{ exp_labels: caseSeries.labels, exp_annotations: Object.fromEntries(templateCases.map((c, i) => [key(i), c.expected])) }] }],
          },
        ],
      }),
    );
    const result = promtool(['test', 'rules', test], dir);
    expect(result.output).toContain('SUCCESS');
    expect(result.code).toBe(0);
    const ours = await cli(['rules', 'test', test]);
    expect(ours.stdout).toContain('SUCCESS');
    expect(ours.code).toBe(0);
  });
});

describe('the built-in rule pack', () => {
  const pack = builtinRulesFile(resourcesDir);

  it('passes promtool check rules and oncall rules check', async () => {
    const reference = promtool(['check', 'rules', pack]);
    expect(reference.output).toContain('SUCCESS: 14 rules found');
    expect(reference.code).toBe(0);
    const ours = await cli(['rules', 'check', pack]);
    expect(ours.stdout).toContain('SUCCESS: 14 rules found');
    expect(ours.code).toBe(0);
  });

  it('fires each alert on its threshold after its `for`, with the expected annotations (promtool and oncall rules test)', async () => {
    const file = join(projectRoot, 'test/integration/rules/oncall-builtin.test.yml');
    const result = promtool(['test', 'rules', file]);
    expect(result.output).toContain('SUCCESS');
    expect(result.code).toBe(0);
    const ours = await cli(['rules', 'test', file]);
    expect(ours.stdout).toContain('SUCCESS');
    expect(ours.code).toBe(0);
  });
});

describe('oncall rules check gives the verdicts of promtool check rules', () => {
  const head = 'groups:\n- name: a\n  rules:\n  - alert: X\n';
  const cases: [string, string][] = [
    ['good.yml', `${head}    expr: up == 0\n    for: 5m\n    keep_firing_for: 1m\n    labels: {severity: page}\n    annotations: {summary: '{{ $labels.instance }} down since {{ humanizeDuration 90 }}'}\n`],
    ['recording.yml', 'groups:\n- name: r\n  interval: 30s\n  limit: 5\n  rules:\n  - record: job:up:sum\n    expr: sum by (job) (up)\n'],
    ['empty.yml', ''],
    ['bad-duration.yml', `${head}    expr: up == 0\n    for: 5 minutes\n`],
    ['bad-field.yml', `${head}    expr: up == 0\n    severity: page\n`],
    ['bad-template.yml', `${head}    expr: up == 0\n    annotations: {summary: '{{ humanise $value }}'}\n`],
    ['bad-unclosed-template.yml', `${head}    expr: up == 0\n    annotations: {summary: '{{ if $value }}x'}\n`],
    ['bad-repeated-group.yml', `${head}    expr: up\n- name: a\n  rules: []\n`],
    ['bad-recording-for.yml', 'groups:\n- name: r\n  rules:\n  - record: job:up\n    expr: sum(up)\n    for: 1m\n'],
    ['bad-yaml.yml', `${head}    expr: up\n   labels: {a: b}\n`],
    ['bad-no-expr.yml', head],
    ['bad-label-name.yml', `${head}    expr: up\n    labels: {bad-name: x}\n`],
  ];

  it.each(cases)('%s', async (name, text) => {
    const file = write(name, text);
    const reference = promtool(['check', 'rules', file]);
    const ours = await cli(['rules', 'check', file]);
    expect({ code: ours.code, stderr: ours.stderr.length > 0 }).toEqual({ code: reference.code, stderr: reference.code !== 0 });
    expect(ours.code).toBe(name.startsWith('bad-') ? 1 : 0);
  });

  it('points at the same line:column as promtool when the expression or the record name is wrong', async () => {
    const file = write('bad-positions.yml', `${head}    labels: {a: b}\n    expr: >-\n      sum(up\n  - record: "bad name"\n    expr: up\n  - alert: Y\n    for: 1m\n    expr: rate(up)\n`);
    const positions = (text: string) => [...text.matchAll(/(\d+):(\d+): group "a", rule (\d)/g)].map((m) => `rule ${m[3]} at ${m[1]}:${m[2]}`);
    const reference = positions(promtool(['check', 'rules', file]).output);
    expect(reference).toEqual(['rule 1 at 6:11', 'rule 2 at 8:13', 'rule 3 at 12:11']);
    expect(positions((await cli(['rules', 'check', file])).stderr)).toEqual(reference);
  });

  it('a missing file fails in both', async () => {
    const file = join(dir, 'absent.yml');
    expect(promtool(['check', 'rules', file]).code).toBe(1);
    expect((await cli(['rules', 'check', file])).code).toBe(1);
  });

  it('the whole awesome-prometheus-alerts corpus passes in both', async () => {
    const files = rulesCorpusFiles();
    expect(promtool(['check', 'rules', ...files]).code).toBe(0);
    const ours = await cli(['rules', 'check', '--json', ...files]);
    expect(ours.code).toBe(0);
    expect((JSON.parse(ours.stdout) as { files: { alerting: number }[] }).files.reduce((n, f) => n + f.alerting, 0)).toBe(954);
  });
});

describe('PromQL expressions get the same verdict and reason as in promtool', () => {
  const ruleFile = (exprs: string[]) => stringify({ groups: [{ name: 'promql', rules: exprs.map((expr, i) => ({ alert: `A${i}`, expr })) }] });

  it('accepts every valid expression of the table', async () => {
    const file = write('promql-valid.yml', ruleFile(validPromql));
    const reference = promtool(['check', 'rules', file]);
    expect(reference.output).toContain(`SUCCESS: ${validPromql.length} rules found`);
    expect((await cli(['rules', 'check', file])).code).toBe(0);
  });

  it.each(invalidPromql.map(([expr, reason], i) => [expr, reason, i] as const))('rejects %s', async (expr, reason, i) => {
    const file = write(`promql-invalid-${i}.yml`, ruleFile([expr]));
    const reference = promtool(['check', 'rules', file]);
    expect(reference.code).toBe(1);
    // Go's regexp wording is not copied; everything else must read exactly as Prometheus words it.
    expect(reference.output).toContain(reason);
    const ours = await cli(['rules', 'check', file]);
    expect(ours.code).toBe(1);
    expect(ours.stderr).toContain(`could not parse expression: ${reason}`);
  });
});

describe('oncall rules test gives the verdicts of promtool test rules', () => {
  const source = join(projectRoot, 'test/integration/rules');
  const tests = readFileSync(join(source, 'semantics.test.yml'), 'utf8');
  copyFileSync(join(source, 'semantics.rules.yml'), join(dir, 'semantics.rules.yml'));

  it('passes the semantics file (for, pending, keep_firing_for, stale, absent, offset, group_left, recording rules)', async () => {
    const file = write('semantics.test.yml', tests);
    expect(promtool(['test', 'rules', file]).code).toBe(0);
    const ours = await cli(['rules', 'test', file]);
    expect(ours.stdout).toBe(`Unit Testing:  ${file}\n  SUCCESS\n\n`);
    expect(ours.code).toBe(0);
  });

  // Each change makes one expectation wrong; both tools must notice.
  const mutations: [string, string, string][] = [
    ['an annotation', 'api has 2.00 errors/s', 'api has 2.01 errors/s'],
    ['the end of keep_firing_for', 'eval_time: 11m', 'eval_time: 10m'],
    ['pending vs firing after `for`', '      - eval_time: 5m\n        alertname: ErrorsHigh', '      - eval_time: 4m\n        alertname: ErrorsHigh'],
    ['an extrapolated increase()', 'value: 600', 'value: 601'],
    ['the labels absent() derives', 'exp_labels: {job: cron}', 'exp_labels: {job: cron2}'],
    ['a label group_left copies', 'exp_labels: {instance: n1, team: storage}', 'exp_labels: {instance: n1}'],
  ];
  it.each(mutations.map(([what, from, to], i) => [what, from, to, i] as const))('fails when %s is expected wrong', async (_what, from, to, i) => {
    expect(tests).toContain(from);
    const file = write(`semantics-mutant-${i}.test.yml`, tests.replace(from, to));
    expect(promtool(['test', 'rules', file]).code).toBe(1);
    const ours = await cli(['rules', 'test', file]);
    expect(ours.stderr).toContain('FAILED');
    expect(ours.code).toBe(1);
  });
});

describe('oncall rules test evaluates all of Prometheus 2.42\'s PromQL as promtool does', () => {
  const source = join(projectRoot, 'test/integration/rules');
  const tests = readFileSync(join(source, 'features.test.yml'), 'utf8');
  copyFileSync(join(source, 'features.rules.yml'), join(dir, 'features.rules.yml'));

  it('passes the features file (subqueries, @, timestamp, count_values, holt_winters, label_join, calendar)', async () => {
    const file = write('features.test.yml', tests);
    expect(promtool(['test', 'rules', file]).code).toBe(0);
    const ours = await cli(['rules', 'test', file]);
    expect(ours.stdout).toBe(`Unit Testing:  ${file}\n  SUCCESS\n\n`);
    expect(ours.code).toBe(0);
  });

  const mutations: [string, string, string][] = [
    ['changes() over a subquery', 'changed state 4 times', 'changed state 3 times'],
    ['when timestamp() stops finding the heartbeat', '- eval_time: 7m\n    alertname: HeartbeatMissing', '- eval_time: 8m\n    alertname: HeartbeatMissing'],
    ['a holt_winters value', 'value: 532.734375', 'value: 532.734376'],
    ['a value read with @', 'value: 300}', 'value: 310}'],
    ['the label count_values writes', `'{state="2"}'`, `'{state="2.0"}'`],
  ];
  it.each(mutations.map(([what, from, to], i) => [what, from, to, i] as const))('fails when %s is expected wrong', async (_what, from, to, i) => {
    expect(tests).toContain(from);
    const file = write(`features-mutant-${i}.test.yml`, tests.replace(from, to));
    expect(promtool(['test', 'rules', file]).code).toBe(1);
    const ours = await cli(['rules', 'test', file]);
    expect(ours.stderr).toContain('FAILED');
    expect(ours.code).toBe(1);
  });
});
