/**
 * Alert templates and the text Prometheus renders for them, shared by the unit test (our engine)
 * and the promtool parity test (Debian's Prometheus 2.42 renders the same table through
 * `promtool test rules`), so every expected string here is one Prometheus itself produces.
 *
 * Every template is evaluated for one alert on the series below, with `query` answering from it.
 */
export const caseSeries = { metric: 'm', labels: { job: 'api', instance: 'web-1.example.com:9100', path: '/health/ready' }, value: 1234.5 };

/** What the rule's expression `m` returns, `__name__` included: Prometheus hands that to templates as $labels. */
export const caseSample = { labels: { __name__: caseSeries.metric, ...caseSeries.labels }, value: caseSeries.value };

export interface TemplateCase {
  name: string;
  template: string;
  expected: string;
}

export const templateCases: TemplateCase[] = [
  // The variables Prometheus prepends to every alert template.
  { name: 'labels', template: '{{ $labels.job }} on {{ $labels.instance }}', expected: 'api on web-1.example.com:9100' },
  // Prometheus runs templates with missingkey=zero, so an absent label is empty.
  { name: 'missing label', template: '[{{ $labels.nope }}]', expected: '[]' },
  { name: 'value', template: '{{ $value }}', expected: '1234.5' },
  { name: 'dot fields', template: '{{ .Labels.path }} {{ .Value }}', expected: '/health/ready 1234.5' },
  { name: 'external labels empty', template: '[{{ $externalLabels.region }}]', expected: '[]' },
  // humanize family.
  { name: 'humanize big', template: '{{ humanize 1234567 }}', expected: '1.235M' },
  { name: 'humanize value', template: '{{ $value | humanize }}', expected: '1.234k' },
  { name: 'humanize small', template: '{{ humanize 0.000123 }}', expected: '123u' },
  { name: 'humanize zero', template: '{{ humanize 0 }}', expected: '0' },
  { name: 'humanize string', template: '{{ humanize "2048" }}', expected: '2.048k' },
  { name: 'humanize1024', template: '{{ humanize1024 1048576 }} {{ humanize1024 512 }} {{ $value | humanize1024 }}', expected: '1Mi 512 1.206ki' },
  { name: 'humanizeDuration', template: '{{ humanizeDuration 3661 }}|{{ humanizeDuration 90061 }}|{{ humanizeDuration 0.25 }}|{{ humanizeDuration 59.5 }}|{{ humanizeDuration 0 }}', expected: '1h 1m 1s|1d 1h 1m 1s|250ms|59.5s|0s' },
  { name: 'humanizePercentage', template: '{{ humanizePercentage 0.1234 }} {{ humanizePercentage 0.05 }}', expected: '12.34% 5%' },
  { name: 'humanizeTimestamp', template: '{{ humanizeTimestamp 1700000000.5 }}', expected: '2023-11-14 22:13:20.5 +0000 UTC' },
  // fmt and strings.
  { name: 'printf float', template: '{{ printf "%.2f" $value }}', expected: '1234.50' },
  { name: 'printf mixed', template: '{{ printf "%s=%d (%5.1f%%)" "errors" 3 12.345 }}', expected: 'errors=3 ( 12.3%)' },
  { name: 'printf map', template: '{{ printf "%v" $labels }}', expected: 'map[__name__:m instance:web-1.example.com:9100 job:api path:/health/ready]' },
  { name: 'printf quoted', template: '{{ printf "%q" $labels.path }}', expected: '"/health/ready"' },
  { name: 'toUpper toLower', template: '{{ toUpper $labels.job }} {{ toLower "MiXeD" }}', expected: 'API mixed' },
  { name: 'title', template: '{{ title "disk almost full-on web_1" }}', expected: 'Disk Almost Full-On Web_1' },
  { name: 'reReplaceAll', template: '{{ reReplaceAll "(.*):.*" "$1" $labels.instance }}', expected: 'web-1.example.com' },
  { name: 'match', template: '{{ match "^web-" $labels.instance }} {{ match "^db" $labels.instance }}', expected: 'true false' },
  // query and the sample accessors.
  { name: 'query first value', template: '{{ query "m" | first | value }}', expected: '1234.5' },
  { name: 'query first label', template: '{{ with query "m" }}{{ . | first | label "job" }}{{ end }}', expected: 'api' },
  { name: 'query range', template: '{{ range query "m" }}{{ .Labels.instance }}={{ .Value | humanize }}{{ end }}', expected: 'web-1.example.com:9100=1.234k' },
  { name: 'query empty else', template: '{{ with query "absent_metric" }}some{{ else }}none{{ end }}', expected: 'none' },
  { name: 'sortByLabel', template: '{{ range sortByLabel "job" (query "m") }}{{ .Labels.job }}{{ end }}', expected: 'api' },
  // Go builtins used in the wild.
  { name: 'if else if', template: '{{ if gt $value 2000.0 }}high{{ else if gt $value 1000.0 }}mid{{ else }}low{{ end }}', expected: 'mid' },
  { name: 'comparisons', template: '{{ eq $labels.job "api" }} {{ ne 1 2 }} {{ lt 1.5 2.5 }} {{ le 2 2 }} {{ ge "b" "a" }}', expected: 'true true true true true' },
  { name: 'and or not', template: '{{ and 1 0 }} {{ or 0 "x" }} {{ not true }}', expected: '0 x false' },
  { name: 'len index', template: '{{ len $labels }} {{ index $labels "job" }}', expected: '4 api' },
  { name: 'range map', template: '{{ range $k, $v := $labels }}{{ $k }}={{ $v }};{{ end }}', expected: '__name__=m;instance=web-1.example.com:9100;job=api;path=/health/ready;' },
  { name: 'variables', template: '{{ $x := "a" }}{{ $x = printf "%s%s" $x "b" }}{{ $x }}', expected: 'ab' },
  { name: 'escapers', template: '{{ html "<b>&" }} {{ js "it\'s" }} {{ urlquery "a b&c" }}', expected: '&lt;b&gt;&amp; it\\\'s a+b%26c' },
  { name: 'print println', template: '{{ print "a" 1 2 "b" }}|{{ println "x" 3 }}', expected: 'a1 2b|x 3\n' },
  { name: 'ints and floats', template: '{{ 1000000 }} {{ 1e6 }} {{ 0.1 }}', expected: '1000000 1e+06 0.1' },
  // Failures render in place, the rest of the alert is kept.
  { name: 'error first of empty', template: 'x {{ query "absent_metric" | first | value }}', expected: '<error expanding template: error executing template __alert_TemplateCases: template: __alert_TemplateCases:1:141: executing "__alert_TemplateCases" at <first>: error calling first: first() called on vector with no elements>' },
  { name: 'error humanize', template: '{{ humanize "abc" }}', expected: '<error expanding template: error executing template __alert_TemplateCases: template: __alert_TemplateCases:1:115: executing "__alert_TemplateCases" at <humanize "abc">: error calling humanize: strconv.ParseFloat: parsing "abc": invalid syntax>' },
];

export const caseAlertName = 'TemplateCases';
