import { describe, expect, it } from 'vitest';
import { parsePromql } from '../../../main/core/rules/promql/parser';
import { evaluate, type Series, type Value } from '../../../main/core/rules/promql/eval';
import { formatFloatF } from '../../../main/core/rules/promql/values';
import * as go from '../../../main/core/rules/promql/gomath';
import { expandValues } from '../../../main/core/rules/unit-test';

const min = 60_000;
const series = (labels: Record<string, string>, values: string): Series => ({ labels, points: expandValues(values, min) });
const run = (expr: string, at: number, db: Series[], subqueryStep?: number): Value => evaluate(parsePromql(expr), at, db, { subqueryStep });
const samples = (v: Value) => (v.t === 'vector' ? v.samples.map((s) => `${JSON.stringify(s.labels)} ${s.value}`).sort() : [`${v.t} ${String((v as { v: unknown }).v)}`]);

describe('promtool series notation', () => {
  it('expands a+bxn, axn, _, _xn and stale', () => {
    expect(expandValues('0+10x3', min).map((p) => [p.t / min, p.v])).toEqual([[0, 0], [1, 10], [2, 20], [3, 30]]);
    expect(expandValues('5-1x2 7x1', min).map((p) => p.v)).toEqual([5, 4, 3, 7, 7]);
    expect(expandValues('1 _ 2 _x2 3', min).map((p) => p.t / min)).toEqual([0, 2, 5]);
    expect(expandValues('1 stale', min)[1]).toEqual({ t: min, v: NaN, stale: true });
    expect(expandValues('-1.5e1 +Inf', min).map((p) => p.v)).toEqual([-15, Infinity]);
    expect(() => expandValues('1 two', min)).toThrow('unexpected "two" in series values');
    expect(expandValues('0x3', min).map((p) => p.v)).toEqual([0, 0, 0, 0]);
  });
});

describe('PromQL evaluation (Prometheus 2.x semantics)', () => {
  const db = [
    series({ __name__: 'req', job: 'api', code: '200' }, '0+60x10'),
    series({ __name__: 'req', job: 'api', code: '500' }, '0+6x10'),
    series({ __name__: 'req', job: 'web', code: '200' }, '0+30x10'),
    series({ __name__: 'team', job: 'api', owner: 'blue' }, '1x10'),
  ];

  it('selects with a closed 5 minute lookback (as promtool 2.42 does) and respects staleness', () => {
    const gappy = [series({ __name__: 'g' }, '1 _x10'), series({ __name__: 's' }, '1 stale')];
    expect(samples(run('g', 5 * min, gappy))).toEqual(['{"__name__":"g"} 1']);
    expect(samples(run('g', 5 * min + 1, gappy))).toEqual([]);
    expect(samples(run('s', 2 * min, gappy))).toEqual([]);
  });

  it('rate() extrapolates like Prometheus (towards zero at the window start)', () => {
    expect(samples(run('rate(req{code="200"}[2m])', min, db))).toEqual(['{"job":"api","code":"200"} 0.5', '{"job":"web","code":"200"} 0.25']);
    expect(samples(run('rate(req{code="200"}[2m])', 5 * min, db))).toEqual(['{"job":"api","code":"200"} 1', '{"job":"web","code":"200"} 0.5']);
    expect(samples(run('increase(req{job="api",code="500"}[5m] offset 1m)', 6 * min, db))).toEqual(['{"job":"api","code":"500"} 30']);
  });

  it('aggregates by and without, and divides with one-to-one matching', () => {
    expect(samples(run('sum by (job) (req)', 10 * min, db))).toEqual(['{"job":"api"} 660', '{"job":"web"} 300']);
    expect(samples(run('sum without (code) (req) / on (job) group_left(owner) team', 10 * min, db))).toEqual(['{"job":"api","owner":"blue"} 660']);
    expect(samples(run('sum by (job) (req{code="500"}) / sum by (job) (req) > 0.05', 10 * min, db))).toEqual(['{"job":"api"} 0.09090909090909091']);
    expect(samples(run('req > bool 300', 10 * min, db))).toEqual(['{"job":"api","code":"200"} 1', '{"job":"api","code":"500"} 0', '{"job":"web","code":"200"} 0']);
    expect(samples(run('req{code="500"} * on(job) team', 10 * min, db))).toEqual(['{"job":"api"} 60']);
  });

  it('computes histogram_quantile by linear interpolation inside the bucket', () => {
    const h = [series({ __name__: 'b', le: '1' }, '10'), series({ __name__: 'b', le: '2' }, '30'), series({ __name__: 'b', le: '+Inf' }, '40')];
    expect(samples(run('histogram_quantile(0.5, b)', 0, h))).toEqual(['{} 1.5']);
    expect(samples(run('histogram_quantile(0.99, b)', 0, h))).toEqual(['{} 2']);
  });

  it('evaluates subqueries on the step grid (the evaluation interval when none is written) and @', () => {
    const x = [series({ __name__: 'x' }, '0+1x20')];
    expect(samples(run('count_over_time(x[5m:1m])', 5 * min, x))).toEqual(['{} 6']);
    expect(samples(run('count_over_time(x[4m:])', 5 * min, x, 20_000))).toEqual(['{} 13']);
    // Grid points are multiples of the step, not offsets from the evaluation time.
    expect(samples(run('min_over_time(x[2m:90s])', 5 * min, x))).toEqual(['{} 3']);
    expect(samples(run('x @ 120', 10 * min, x))).toEqual(['{"__name__":"x"} 2']);
    expect(samples(run('last_over_time(x[5m:1m] @ 180 offset 1m)', 10 * min, x))).toEqual(['{"__name__":"x"} 2']);
    expect(samples(run('x @ end()', 7 * min, x))).toEqual(['{"__name__":"x"} 7']);
  });

  it('timestamp() of a selector gives the time of the sample found, else the evaluation time', () => {
    const gap = [series({ __name__: 'g' }, '1 2 _x3')];
    expect(samples(run('timestamp(g)', 4 * min, gap))).toEqual(['{} 60']);
    expect(samples(run('timestamp(-g)', 4 * min, gap))).toEqual(['{} 240']);
  });

  // promtool loads series in random order, so ties cannot be compared with it; for a given order
  // the console keeps what Go's heap keeps (topk pops the tie that reached the top first).
  it('breaks topk/bottomk ties as Prometheus does for the storage order (sorted labels)', () => {
    const ties = ['a', 'b', 'c'].map((i) => series({ __name__: 't', i }, '5')).concat(series({ __name__: 't', i: 'd' }, '7'));
    expect(samples(run('topk(2, t)', 0, ties))).toEqual(['{"__name__":"t","i":"b"} 5', '{"__name__":"t","i":"d"} 7']);
    expect(samples(run('bottomk(2, t)', 0, ties))).toEqual(['{"__name__":"t","i":"a"} 5', '{"__name__":"t","i":"b"} 5']);
  });

  it('writes count_values labels as Go formats floats (no exponent) and checks the label name', () => {
    expect([1e21, 1.5e-7, -0.25, Infinity, NaN].map(formatFloatF)).toEqual(['1000000000000000000000', '0.00000015', '-0.25', '+Inf', 'NaN']);
    expect(() => run('count_values("bad-name", req)', min, db)).toThrow('invalid label name "bad-name"');
  });

  it('fails a query whose result holds one label set twice, as Prometheus does', () => {
    const twins = [series({ __name__: 'g', i: 'a' }, '1 2 3'), series({ __name__: 'h', i: 'a' }, '1 2 3')];
    for (const expr of ['{__name__=~"g|h"} * 2', 'rate({__name__=~"g|h"}[2m])', '-{__name__=~"g|h"}', 'max_over_time({__name__=~"g|h"}[5m:1m])']) {
      expect(() => run(expr, 2 * min, twins), expr).toThrow('vector cannot contain metrics with the same labelset');
    }
    expect(samples(run('{__name__=~"g|h"} > 1', 2 * min, twins))).toEqual(['{"__name__":"g","i":"a"} 3', '{"__name__":"h","i":"a"} 3']);
  });

  it('fails a query as Prometheus does on bad holt_winters factors', () => {
    expect(() => run('holt_winters(req[5m], 1, 0.5)', 5 * min, db)).toThrow('invalid smoothing factor. Expected: 0 < sf < 1, got: 1.000000');
  });

  it("follows Go's math where V8 differs in the last digit", () => {
    // Values promtool prints for these inputs (checked end to end in promql-parity.test.ts).
    expect([go.exp(8.050000000000004), Math.exp(8.050000000000004)]).toEqual([3133.794971288237, 3133.7949712882364]);
    expect(go.pow(2, 10)).toBe(1024);
    expect(go.log2(8)).toBe(3);
    expect(go.frexp(12)).toEqual([0.75, 4]);
  });
});
