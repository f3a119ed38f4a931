import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { parsePromql } from '../../../main/core/rules/promql';
import { evaluate, type Series } from '../../../main/core/rules/promql-eval';
import { expandValues } from '../../../main/core/rules/unit-test';
import { promtool } from '../../support/promtool';

// A differential test of the evaluator behind `oncall rules test`: every expression below is
// evaluated by the console, its result written as promql_expr_test expectations, and promtool
// (Prometheus 2.42's engine) must agree to the last digit.
const input: [string, string][] = [
  ['req{job="api",code="200"}', '0+60x20'],
  ['req{job="api",code="500"}', '0+6x5 30+12x14'],
  ['req{job="web",code="200"}', '0+30x20'],
  ['reset{i="a"}', '0 10 20 5 15 25 3 9'],
  ['g{i="a"}', '1 3 2 5 4 7 6 9 8 11'],
  ['g{i="b"}', '10 9 8 7 6 5 4 3 2 1'],
  ['b{le="0.1"}', '0+1x10'],
  ['b{le="0.5"}', '0+5x10'],
  ['b{le="1"}', '0+8x10'],
  ['b{le="+Inf"}', '0+10x10'],
  ['team{job="api",owner="blue"}', '1x20'],
  ['team{job="web",owner="red"}', '1x20'],
];
const expressions = [
  'rate(req[5m])', 'irate(req[5m])', 'increase(req[3m])', 'delta(g[4m])', 'idelta(g[4m])', 'resets(reset[10m])', 'changes(g[5m])',
  'deriv(g[5m])', 'predict_linear(g[5m], 600)', 'avg_over_time(g[5m])', 'max_over_time(g[5m])', 'min_over_time(g[5m])', 'sum_over_time(g[3m])',
  'count_over_time(g[3m])', 'last_over_time(g[3m])', 'histogram_quantile(0.9, rate(b[5m]))', 'histogram_quantile(0.25, b)', 'histogram_quantile(0.99, b)',
  'sum by (job) (rate(req[5m])) / on(job) group_left(owner) team', 'sum without (code) (req)', 'avg(g)', 'stddev(g)', 'stdvar(g)', 'quantile(0.3, g)',
  'topk(1, g)', 'bottomk(1, g)', 'count(req)', 'group by (job) (req)', 'g > 5', '5 < g', 'g > bool 5', 'g == on(i) g', 'g * 2 + 1', '-g', 'g % 3', 'g ^ 2',
  'req and on(job) team', 'req unless on(job) team{owner="red"}', 'team or req', 'clamp(g, 2, 4)', 'clamp_min(g, 5)', 'round(g / 3)', 'round(g, 0.5)',
  'abs(-g)', 'sqrt(g)', 'ln(g)', 'absent(nope{job="x"})', 'absent_over_time(g[1m])', 'label_replace(team, "o", "x-$1", "owner", "(b.*)")', 'vector(time())',
  'scalar(sum(g))', 'sort_desc(g)', 'g offset 2m', 'rate(req[5m] offset 3m)', 'sum(rate(req{code=~"5.."}[5m])) / sum(rate(req[5m]))',
];

const dir = mkdtempSync(join(tmpdir(), 'oncall-promql-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function labelsText(labels: Record<string, string>): string {
  const rest = Object.entries(labels).filter(([k]) => k !== '__name__');
  return `${labels.__name__ ?? ''}{${rest.map(([k, v]) => `${k}=${JSON.stringify(v)}`).join(',')}}`;
}

describe('the rules-test PromQL evaluator against promtool', () => {
  it(`gives promtool's values for ${expressions.length} expressions at 3 times each`, () => {
    const db: Series[] = input.map(([series, values]) => {
      const sel = parsePromql(series);
      if (sel.t !== 'selector') throw new Error(series);
      return { labels: { __name__: sel.name ?? '', ...Object.fromEntries(sel.matchers.map((m) => [m.name, m.value])) }, points: expandValues(values, 60_000) };
    });
    const cases = expressions.flatMap((expr) =>
      [5, 7, 9].map((minute) => {
        const value = evaluate(parsePromql(expr), minute * 60_000, db);
        const samples = value.t === 'scalar' ? [{ labels: '{}', value: value.v }] : value.t === 'vector' ? value.samples.map((s) => ({ labels: labelsText(s.labels), value: s.value })) : [];
        return { expr, eval_time: `${minute}m`, exp_samples: samples };
      }),
    );
    expect(cases.filter((c) => c.exp_samples.length > 0).length).toBeGreaterThan(150);
    const file = join(dir, 'promql.test.yml');
    writeFileSync(file, stringify({ tests: [{ interval: '1m', input_series: input.map(([series, values]) => ({ series, values })), promql_expr_test: cases }] }));
    const result = promtool(['test', 'rules', file]);
    expect(result.output).toContain('SUCCESS');
    expect(result.code).toBe(0);
  });
});
