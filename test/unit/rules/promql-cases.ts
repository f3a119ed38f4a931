/**
 * PromQL expressions and whether Prometheus 2.42's parser accepts them. The unit test checks the
 * console's checker; test/integration/rules/promtool.test.ts checks promtool agrees with the table.
 */
export const validPromql = [
  'up == 0',
  'sum by (job) (rate(http_requests_total{status=~"5.."}[5m])) / sum by (job) (rate(http_requests_total[5m])) > 0.01',
  'sum(rate(x[5m])) by (job)',
  'topk(3, x)',
  'count_values("v", x)',
  'histogram_quantile(0.99, sum by (le) (rate(b[5m])))',
  'x[5m:1m]',
  'rate(x[5m])[1h:]',
  'predict_linear(kubelet_volume_stats_available_bytes[6h:5m], 4 * 24 * 3600) < 0',
  'x offset -5m',
  'x @ start()',
  'x @ 1700000000',
  'sum_over_time(rate(x[5m])[1h:5m] offset 1h @ end())',
  'x offset 1m @ 100',
  '(x offset 1m)[5m:1m] offset 1m',
  'holt_winters(x[10m], 0.5, 0.5) + histogram_fraction(0, 1, x) + histogram_count(x) + pi()',
  'count_values without (a) ("v", x) + quantile_over_time(0.9, x[5m]) + timestamp(x)',
  '{job=~".+"}',
  'x{job="a",}',
  'up and on(job) x',
  'up + on(job) group_left(instance) x',
  '- 2 ^ 2',
  'time',
  'scalar(x) > bool 1',
  'label_join(up, "a", ",", "b", "c")',
  'round(x, 0.5)',
  'day_of_week()',
  '-Inf > bool NaN',
  '0x1F',
  '(node_memory_MemTotal_bytes - node_memory_MemAvailable_bytes) / node_memory_MemTotal_bytes * 100 > 85 # memory',
];

/**
 * Invalid expressions with the reason Prometheus gives, as `promtool check rules` prints it; the
 * regexp case's wording is Go's regexp package, which the console does not copy (verdict only).
 */
export const invalidPromql: [string, string][] = [
  ['sum(up', '1:7: parse error: unclosed left parenthesis'],
  ['rate(http_requests_total)', '1:6: parse error: expected type range vector in call to function "rate", got instant vector'],
  ['1 > 2', '1:3: parse error: comparisons between scalars must use BOOL modifier'],
  ['(x)[5m]', '1:4: parse error: ranges only allowed for vector selectors'],
  ['sum(x) offset 5m', '1:1: parse error: offset modifier must be preceded by an instant vector selector or range vector selector or a subquery'],
  ['abs(1)', '1:5: parse error: expected type instant vector in call to function "abs", got scalar'],
  ['nosuchfn(x)', '1:1: parse error: unknown function with name "nosuchfn"'],
  ['topk(x)', '1:1: parse error: wrong number of arguments for aggregate expression provided, expected 2, got 1'],
  ['{job=""}', '1:1: parse error: vector selector must contain at least one non-empty matcher'],
  ['{job=~".*"}', '1:1: parse error: vector selector must contain at least one non-empty matcher'],
  ['x{job=~"("}', '1:3: parse error: error parsing regexp: missing closing ): `^(?:()$`'],
  ['up and on(job) group_left x', '1:1: parse error: no grouping allowed for "and" operation'],
  ['1 and up', '1:1: parse error: set operator "and" not allowed in binary scalar expression'],
  ['round(x, 1, 2)', '1:1: parse error: expected at most 2 argument(s) in call to "round", got 3'],
  ['x[5]', '1:3: parse error: missing unit character in duration'],
  ['sum by (job) ()', '1:1: parse error: no arguments for aggregate expression provided'],
  ['x + "foo"', '1:5: parse error: binary expression must contain only scalar and instant vector types'],
  ['x !~ "a"', "1:3: parse error: unexpected character after '!': '~'"],
  ['avg(x) by job', '1:11: parse error: unexpected identifier "job" in grouping opts, expected "("'],
  ['x )', "1:4: parse error: unexpected right parenthesis ')'"],
  ['x[5m', '1:5: parse error: unclosed left bracket'],
  ['sum(x,)', '1:6: parse error: trailing commas not allowed in function call args'],
  ['x offset 5', '1:10: parse error: unexpected number "5" in offset, expected duration'],
  ['x @ 100 @ 200', '1:1: parse error: @ <timestamp> may not be set multiple times'],
  ['rate(x[5m] @ 1 @ 2)', '1:6: parse error: @ <timestamp> may not be set multiple times'],
  ['x[1m:1m] offset 1m offset 1m', '1:1: parse error: offset may not be set multiple times'],
  ['x @ -Inf', '1:1: parse error: timestamp out of bounds for @ modifier: -Inf'],
  ['x @ 1e30', '1:1: parse error: timestamp out of bounds for @ modifier: 1000000000000000019884624838656.000000'],
  // Added after Prometheus 2.42, so unknown to the promtool the console agrees with.
  ['limitk(2, x)', '1:1: parse error: unknown function with name "limitk"'],
  ['mad_over_time(x[5m])', '1:1: parse error: unknown function with name "mad_over_time"'],
  ['sort_by_label(x, "a")', '1:1: parse error: unknown function with name "sort_by_label"'],
  ['double_exponential_smoothing(x[5m], 0.5, 0.5)', '1:1: parse error: unknown function with name "double_exponential_smoothing"'],
];

/**
 * The differential test of `oncall rules test`'s evaluator (test/integration/rules/promql-parity.test.ts):
 * input series (promtool notation, one sample a minute) and expressions whose values, at several
 * times, must equal promtool's to the last digit. Expressions giving NaN are left out: promtool
 * never finds NaN equal to NaN.
 */
export const parityInput: [string, string][] = [
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
  // Fractions, so the order of floating point operations shows in the last digits.
  ['f{i="a"}', '0.1+0.7x20'],
  ['f{i="b"}', '3.3 1.7 2.9 0.45 4.1 3.3 0.2 2.2 1.35 5.75 0.6 2.1 3.9 1.1'],
  ['f{i="c"}', '9.9-0.37x20'],
  ['neg{i="a"}', '-2.5+0.5x20'],
  // promtool loads series in random order, so sums over several series of fractions can differ
  // between its own runs in the last digit: across-series aggregations use quarters, which add exactly.
  ['d{i="a"}', '0.25+0.5x20'],
  ['d{i="b"}', '3.75 1.5 2.25 0.75 4.5 3.25 1.25 2.5 0.5 5.75 2 1 3.5 0.25 6'],
  ['tie{i="a"}', '5x20'],
  ['tie{i="b"}', '5x20'],
  ['gap{i="a"}', '1 2 _x4 3 stale 4 _x3 5'],
  // Seconds since the epoch for the calendar functions: 2000-02-28 and on, 29 days and 7 hours apart.
  ['epoch{i="a"}', '951696000+2530800x20'],
  ['epoch{i="b"}', '1709164800+86399x20'],
];

export const parityExpressions = [
  'rate(req[5m])', 'irate(req[5m])', 'increase(req[3m])', 'delta(g[4m])', 'idelta(g[4m])', 'resets(reset[10m])', 'changes(g[5m])',
  'deriv(g[5m])', 'predict_linear(g[5m], 600)', 'avg_over_time(g[5m])', 'max_over_time(g[5m])', 'min_over_time(g[5m])', 'sum_over_time(g[3m])',
  'count_over_time(g[3m])', 'last_over_time(g[3m])', 'histogram_quantile(0.9, rate(b[5m]))', 'histogram_quantile(0.25, b)', 'histogram_quantile(0.99, b)',
  'sum by (job) (rate(req[5m])) / on(job) group_left(owner) team', 'sum without (code) (req)', 'avg(g)', 'stddev(g)', 'stdvar(g)', 'quantile(0.3, g)',
  'topk(1, g)', 'bottomk(1, g)', 'count(req)', 'group by (job) (req)', 'g > 5', '5 < g', 'g > bool 5', 'g == on(i) g', 'g * 2 + 1', '-g', 'g % 3', 'g ^ 2',
  'req and on(job) team', 'req unless on(job) team{owner="red"}', 'team or req', 'clamp(g, 2, 4)', 'clamp_min(g, 5)', 'round(g / 3)', 'round(g, 0.5)',
  'abs(-g)', 'sqrt(g)', 'ln(g)', 'absent(nope{job="x"})', 'absent_over_time(g[1m])', 'label_replace(team, "o", "x-$1", "owner", "(b.*)")', 'vector(time())',
  'scalar(sum(g))', 'sort_desc(g)', 'g offset 2m', 'rate(req[5m] offset 3m)', 'sum(rate(req{code=~"5.."}[5m])) / sum(rate(req[5m]))',
  // Aggregations.
  'count_values("v", g)', 'count_values by (i) ("value", f * 10)', 'count_values without (i) ("v", tie)', 'count_values("v", f / 1e7)', 'quantile(0.5, f)',
  'quantile(0.9, g)', 'quantile by (i) (0.25, f)', 'quantile(2, f)', 'quantile(-1, f)', 'stddev(d)', 'stdvar(d)', 'stddev by (i) (f)', 'avg(d)', 'sum(d)',
  'min(f)', 'max(f)', 'group(f)', 'count without (i) (f)', 'avg by (job) (req)', 'topk(2, f)', 'bottomk(2, f)', 'topk by (i) (1, f)', 'topk(0, f)',
  'bottomk(10, g)', 'sum(d) / count(d)', 'stddev(g)', 'avg by (i) (f)',
  // Range-vector functions over fractional values.
  'avg_over_time(f[5m])', 'sum_over_time(f[4m])', 'min_over_time(f[5m])', 'max_over_time(f[5m])', 'stddev_over_time(f[5m])', 'stdvar_over_time(f[5m])',
  'stddev_over_time(g[4m])', 'quantile_over_time(0.3, f[5m])', 'quantile_over_time(0.95, g[4m])', 'present_over_time(gap[2m])', 'last_over_time(f[2m])',
  'count_over_time(gap[5m])', 'predict_linear(f[5m], 300)', 'predict_linear(f[3m] offset 1m, 3600)', 'deriv(f[4m])', 'holt_winters(f[5m], 0.3, 0.6)',
  'holt_winters(g[6m], 0.5, 0.1)', 'resets(f[5m])', 'changes(f[5m])', 'rate(f[4m])', 'irate(f[4m])', 'delta(f[3m])', 'idelta(f[3m])', 'increase(f[5m])',
  // Instant-vector functions.
  'timestamp(g)', 'timestamp(gap)', 'timestamp(g offset 90s)', 'timestamp(sum(g))', 'timestamp(g @ 120)', 'label_join(team, "both", "-", "job", "owner")',
  'label_join(team, "job", "", "nope")', 'label_join(f, "j", ",", "i", "i")', 'sort(f)', 'sort_desc(f)', 'clamp(f, 1, 3)', 'clamp(f, 3, 1)', 'clamp_max(f, 2)',
  'clamp_min(neg, -1)', 'absent(f)', 'absent(nope{a="b",a="c"})', 'absent(nope{a="b",c=~"d",e=""})', 'absent_over_time(nope{x="y"}[2m])',
  'absent_over_time(f[2m])', 'absent(sum(nope{job="x"}))', 'vector(1.5)', 'scalar(f{i="a"}) * 2', 'round(f, 0.1)', 'round(neg)', 'sgn(neg)',
  'ceil(f)', 'floor(f)', 'abs(neg)', 'exp(f)', 'ln(f)', 'log2(f)', 'log10(f)', 'sqrt(f)', 'sin(f)', 'cos(f)', 'tan(f)', 'asin(f / 20)', 'acos(f / 20)', 'atan(f)',
  'sinh(f / 3)', 'sinh(f)', 'cosh(f)', 'tanh(f)', 'asinh(neg)', 'acosh(f + 1)', 'atanh(f / 20)', 'deg(f)', 'rad(f)', 'pi()', 'f * pi()', 'f ^ 1.5', 'f ^ -0.5', '2 ^ f',
  'f % 0.7', 'f atan2 on(i) g', 'histogram_count(b)', 'histogram_sum(b)', 'histogram_fraction(0, 0.5, b)',
  // Calendar functions.
  'day_of_month(epoch)', 'day_of_week(epoch)', 'day_of_year(epoch)', 'days_in_month(epoch)', 'hour(epoch)', 'minute(epoch)', 'month(epoch)', 'year(epoch)',
  'year()', 'month()', 'day_of_month()', 'hour()', 'minute()', 'days_in_month()', 'day_of_week()', 'day_of_year()',
  // Subqueries, offset and @.
  'max_over_time(g[5m:1m])', 'avg_over_time(rate(req[2m])[5m:30s])', 'rate(req[5m:1m])', 'min_over_time(f[4m:])', 'sum_over_time(g[3m:2m] offset 1m)',
  'max_over_time(deriv(f[3m])[5m:1m])', 'last_over_time(g[5m:1m] @ 120)', 'absent_over_time(nope[5m:1m])', 'absent_over_time(sum(nope{a="b"})[5m:1m])',
  'count_over_time(gap[10m:1m])', 'quantile_over_time(0.5, f[5m:30s])', 'max_over_time((g > 4)[5m:1m])', 'changes(f[5m:1m])',
  'sum_over_time(vector(1)[5m:1m])', 'increase(sum(req)[4m:1m])', 'min_over_time(max_over_time(g[2m:1m])[4m:1m])', 'avg_over_time(g[3m:45s] offset -1m)',
  'g @ 120', 'g @ 300 offset 1m', 'rate(req[2m] @ 240)', 'g @ start()', 'g @ end()', 'sum(g @ 60)', 'g offset -1m', 'f offset 90s', 'g - g @ 0',
];

/**
 * Functions computed with Go's math package, evaluated on `x` = the values of mathSweepValues, one
 * a minute: V8's Math differs from Go's in the last digit for a few inputs in a hundred.
 */
export const mathSweepExpressions = [
  'ln(x)', 'log2(x)', 'log10(x)', 'sqrt(x)', 'exp(x)', 'exp(-x)', 'sin(x)', 'cos(x)', 'tan(x)', 'sin(-x)', 'asin(x / 25)', 'acos(x / 25)', 'atan(x)',
  'sinh(x)', 'cosh(x)', 'tanh(x / 10)', 'tanh(x)', 'asinh(x)', 'asinh(-x)', 'acosh(x + 1)', 'atanh(x / 25)', 'deg(x)', 'rad(x)', 'x ^ 1.7', '1.3 ^ x',
  'x ^ -2.5', 'x atan2 (x - 10)',
];

/** 80 irregular values in (0, 20], the same on every run. */
export const mathSweepValues = Array.from({ length: 80 }, (_, k) => Number((((k * 7.318513) % 20) + 0.0013).toFixed(6)));
