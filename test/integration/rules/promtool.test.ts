import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { builtinRulesFile } from '../../../main/core/rules/service';
import { resourcesDir } from '../../../main/cli/paths';
import { cli, projectRoot } from '../../support/cli';
import { rulesCorpusFiles } from '../../support/corpus';
import { promtool } from '../../support/promtool';
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
  it('promtool test rules renders every case of the template table as the table says', () => {
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

  it('fires each alert on its threshold after its `for`, with the expected annotations (promtool test rules)', () => {
    const result = promtool(['test', 'rules', join(projectRoot, 'test/integration/rules/oncall-builtin.test.yml')]);
    expect(result.output).toContain('SUCCESS');
    expect(result.code).toBe(0);
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
