import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { parsePromql } from '../../../main/core/rules/promql/parser';
import { evaluate, type Series } from '../../../main/core/rules/promql/eval';
import { expandValues } from '../../../main/core/rules/unit-test';
import { promtool } from '../../support/promtool';
import { mathSweepExpressions, mathSweepValues, parityExpressions, parityInput } from '../../unit/rules/promql-cases';

// A differential test of the evaluator behind `oncall rules test`: every expression of the table is
// evaluated by the console, its result written as promql_expr_test expectations, and promtool
// (Prometheus 2.42's engine) must agree to the last digit. One promtool run checks them all.
const minutes = [5, 7, 9, 12];

const dir = mkdtempSync(join(tmpdir(), 'oncall-promql-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function labelsText(labels: Record<string, string>): string {
  const rest = Object.entries(labels).filter(([k]) => k !== '__name__');
  return `${labels.__name__ ?? ''}{${rest.map(([k, v]) => `${k}=${JSON.stringify(v)}`).join(',')}}`;
}

describe('the rules-test PromQL evaluator against promtool', () => {
  it(`gives promtool's values for ${parityExpressions.length} expressions at ${minutes.length} times each`, () => {
    const db: Series[] = parityInput.map(([series, values]) => {
      const sel = parsePromql(series);
      if (sel.t !== 'selector') throw new Error(series);
      return { labels: { __name__: sel.name ?? '', ...Object.fromEntries(sel.matchers.map((m) => [m.name, m.value])) }, points: expandValues(values, 60_000) };
    });
    const cases = parityExpressions.flatMap((expr) =>
      minutes.map((minute) => {
        const value = evaluate(parsePromql(expr), minute * 60_000, db);
        const samples = value.t === 'scalar' ? [{ labels: '{}', value: value.v }] : value.t === 'vector' ? value.samples.map((s) => ({ labels: labelsText(s.labels), value: s.value })) : [];
        return { expr, eval_time: `${minute}m`, exp_samples: samples };
      }),
    );
    // NaN never equals NaN in promtool, so no case may give one; most cases must give samples.
    expect(cases.filter((c) => c.exp_samples.some((s) => Number.isNaN(s.value)))).toEqual([]);
    expect(cases.filter((c) => c.exp_samples.length > 0).length).toBeGreaterThan(750);
    const file = join(dir, 'promql.test.yml');
    writeFileSync(file, stringify({ tests: [{ interval: '1m', input_series: parityInput.map(([series, values]) => ({ series, values })), promql_expr_test: cases }] }));
    const result = promtool(['test', 'rules', file]);
    expect(result.output).toContain('SUCCESS');
    expect(result.code).toBe(0);
  });

  it(`gives promtool's values for ${mathSweepExpressions.length} math functions on ${mathSweepValues.length} values each`, () => {
    const db: Series[] = [{ labels: { __name__: 'x' }, points: mathSweepValues.map((v, i) => ({ t: i * 60_000, v })) }];
    const cases = mathSweepExpressions.flatMap((expr) =>
      mathSweepValues.map((_, minute) => {
        const value = evaluate(parsePromql(expr), minute * 60_000, db);
        return { expr, eval_time: `${minute}m`, exp_samples: value.t === 'vector' ? value.samples.map((s) => ({ labels: labelsText(s.labels), value: s.value })) : [] };
      }),
    );
    expect(cases.filter((c) => c.exp_samples.length !== 1 || Number.isNaN(c.exp_samples[0]?.value))).toEqual([]);
    const file = join(dir, 'math.test.yml');
    writeFileSync(file, stringify({ tests: [{ interval: '1m', input_series: [{ series: 'x', values: mathSweepValues.join(' ') }], promql_expr_test: cases }] }));
    const result = promtool(['test', 'rules', file]);
    expect(result.output).toContain('SUCCESS');
    expect(result.code).toBe(0);
  });
});
