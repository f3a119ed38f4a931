import { writeFileSync } from 'node:fs';
import { it } from 'vitest';
import { stringify } from 'yaml';
import { parsePromql } from '../../../main/core/rules/promql';
import { evaluate, type Series } from '../../../main/core/rules/promql-eval';
import { expandValues } from '../../../main/core/rules/unit-test';
import { promtool } from '../../../test/support/promtool';
import { parityExpressions, parityInput } from '../../../test/unit/rules/promql-cases';

function labelsText(labels: Record<string, string>): string {
  const rest = Object.entries(labels).filter(([k]) => k !== '__name__');
  return `${labels.__name__ ?? ''}{${rest.map(([k, v]) => `${k}=${JSON.stringify(v)}`).join(',')}}`;
}
it('h', () => {
  const db: Series[] = parityInput.map(([series, values]) => {
    const sel = parsePromql(series);
    if (sel.t !== 'selector') throw new Error(series);
    return { labels: { __name__: sel.name ?? '', ...Object.fromEntries(sel.matchers.map((m) => [m.name, m.value])) }, points: expandValues(values, 60_000) };
  });
  const errs: string[] = [];
  const cases = parityExpressions.flatMap((expr) =>
    [5, 7, 9, 12].map((minute) => {
      try {
      const value = evaluate(parsePromql(expr), minute * 60_000, db);
      const samples = value.t === 'scalar' ? [{ labels: '{}', value: value.v }] : value.t === 'vector' ? value.samples.map((s) => ({ labels: labelsText(s.labels), value: s.value })) : [];
      if (samples.some((s) => Number.isNaN(s.value))) errs.push(`NaN ${expr} ${minute}`);
      return { expr, eval_time: `${minute}m`, exp_samples: samples.filter((s) => !Number.isNaN(s.value)) };
      } catch (e) { errs.push(`${expr}: ${(e as Error).message}`); return null; }
    }),
  ).filter(Boolean);
  writeFileSync('/tmp/h4c/p.test.yml', stringify({ tests: [{ interval: '1m', input_series: parityInput.map(([series, values]) => ({ series, values })), promql_expr_test: cases }] }));
  const r = promtool(['test', 'rules', '/tmp/h4c/p.test.yml']);
  writeFileSync('/tmp/h4c/out.txt', errs.join('\n') + '\n-----\n' + r.output);
});
