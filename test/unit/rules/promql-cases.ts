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
  ['x{job=~"("}', '1:3: parse error: error parsing regexp: "("'],
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
];
