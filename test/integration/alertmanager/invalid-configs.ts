/**
 * alertmanager.yml files that amtool 0.25 rejects, hand-written. `line` and `field` say where the
 * problem is in the text (read off the YAML, not off the console's answer).
 */
export interface InvalidConfig {
  name: string;
  yaml: string;
  line: number;
  field: string;
}

const receivers = 'receivers:\n  - name: a\n  - name: b\n';

export const invalidConfigs: InvalidConfig[] = [
  { name: 'no route', yaml: receivers, line: 1, field: '(top level)' },
  { name: 'root route without receiver', yaml: `route:\n  group_by: [alertname]\n${receivers}`, line: 1, field: 'route' },
  { name: 'matchers on the root route', yaml: `route:\n  receiver: a\n  matchers: ['x="1"']\n${receivers}`, line: 3, field: 'route.matchers' },
  { name: 'match on the root route', yaml: `route:\n  receiver: a\n  match: { x: "1" }\n${receivers}`, line: 3, field: 'route.match' },
  { name: 'mute_time_intervals on the root route', yaml: `route:\n  receiver: a\n  mute_time_intervals: [t]\ntime_intervals:\n  - name: t\n    time_intervals: [{ weekdays: [monday] }]\n${receivers}`, line: 3, field: 'route.mute_time_intervals' },
  { name: 'undefined receiver in a child', yaml: `route:\n  receiver: a\n  routes:\n    - receiver: nope\n${receivers}`, line: 4, field: 'route.routes[0].receiver' },
  { name: "'...' beside other labels", yaml: `route:\n  receiver: a\n  group_by: ['...', alertname]\n${receivers}`, line: 3, field: 'route.group_by' },
  { name: 'duplicated group_by label', yaml: `route:\n  receiver: a\n  group_by: [alertname, job, alertname]\n${receivers}`, line: 3, field: 'route.group_by[2]' },
  { name: 'invalid group_by label', yaml: `route:\n  receiver: a\n  group_by: [foo-bar]\n${receivers}`, line: 3, field: 'route.group_by[0]' },
  { name: 'undefined time interval', yaml: `route:\n  receiver: a\n  routes:\n    - receiver: b\n      active_time_intervals: [office]\n${receivers}`, line: 5, field: 'route.routes[0].active_time_intervals[0]' },
  { name: 'bad regex in match_re', yaml: `route:\n  receiver: a\n  routes:\n    - match_re: { service: "(" }\n${receivers}`, line: 4, field: 'route.routes[0].match_re.service' },
  { name: 'bad regex in matchers', yaml: `route:\n  receiver: a\n  routes:\n    - matchers: ['service=~"a(?P<x"']\n${receivers}`, line: 4, field: 'route.routes[0].matchers[0]' },
  { name: 'unescaped quote in a matcher', yaml: `route:\n  receiver: a\n  routes:\n    - matchers: ['foo=="bar"']\n${receivers}`, line: 4, field: 'route.routes[0].matchers[0]' },
  { name: 'empty matcher between commas', yaml: `route:\n  receiver: a\n  routes:\n    - matchers: ['a="1",,b="2"']\n${receivers}`, line: 4, field: 'route.routes[0].matchers[0]' },
  { name: 'invalid label name in match', yaml: `route:\n  receiver: a\n  routes:\n    - match: { foo-bar: x }\n${receivers}`, line: 4, field: 'route.routes[0].match.foo-bar' },
  { name: 'unknown key in a route', yaml: `route:\n  receiver: a\n  routes:\n    - reciever: b\n${receivers}`, line: 4, field: 'route.routes[0].reciever' },
  { name: 'duplicate receiver names', yaml: `route:\n  receiver: a\nreceivers:\n  - name: a\n  - name: a\n`, line: 5, field: 'receivers[1].name' },
  { name: 'receiver without a name', yaml: `route:\n  receiver: a\nreceivers:\n  - name: a\n  - webhook_configs: [{ url: "http://127.0.0.1:1/" }]\n`, line: 5, field: 'receivers[1]' },
  { name: 'group_interval of zero', yaml: `route:\n  receiver: a\n  group_interval: 0s\n${receivers}`, line: 3, field: 'route.group_interval' },
  { name: 'a duration Go cannot read', yaml: `route:\n  receiver: a\n  group_wait: 5 minutes\n${receivers}`, line: 3, field: 'route.group_wait' },
  { name: 'a number where a duration belongs', yaml: `route:\n  receiver: a\n  group_wait: 30\n${receivers}`, line: 3, field: 'route.group_wait' },
  { name: 'units out of order', yaml: `route:\n  receiver: a\n  repeat_interval: 30m1h\n${receivers}`, line: 3, field: 'route.repeat_interval' },
  { name: 'weekday range backwards', yaml: `route:\n  receiver: a\ntime_intervals:\n  - name: w\n    time_intervals:\n      - weekdays: ['saturday:sunday']\n${receivers}`, line: 6, field: 'time_intervals[0].time_intervals[0].weekdays[0]' },
  { name: 'time of day past 24:00', yaml: `route:\n  receiver: a\ntime_intervals:\n  - name: w\n    time_intervals:\n      - times: [{ start_time: "22:00", end_time: "25:00" }]\n${receivers}`, line: 6, field: 'time_intervals[0].time_intervals[0].times[0]' },
  { name: 'start time after end time', yaml: `route:\n  receiver: a\ntime_intervals:\n  - name: w\n    time_intervals:\n      - times: [{ start_time: "22:00", end_time: "06:00" }]\n${receivers}`, line: 6, field: 'time_intervals[0].time_intervals[0].times[0]' },
  { name: 'negative start with positive end day', yaml: `route:\n  receiver: a\ntime_intervals:\n  - name: w\n    time_intervals:\n      - days_of_month: ['-5:3']\n${receivers}`, line: 6, field: 'time_intervals[0].time_intervals[0].days_of_month[0]' },
  { name: 'day of month 0', yaml: `route:\n  receiver: a\ntime_intervals:\n  - name: w\n    time_intervals:\n      - days_of_month: ['0']\n${receivers}`, line: 6, field: 'time_intervals[0].time_intervals[0].days_of_month[0]' },
  { name: 'unknown month', yaml: `route:\n  receiver: a\nmute_time_intervals:\n  - name: w\n    time_intervals:\n      - months: ['smarch']\n${receivers}`, line: 6, field: 'mute_time_intervals[0].time_intervals[0].months[0]' },
  { name: 'unknown time zone', yaml: `route:\n  receiver: a\ntime_intervals:\n  - name: w\n    time_intervals:\n      - location: Mars/Olympus\n${receivers}`, line: 6, field: 'time_intervals[0].time_intervals[0].location' },
  { name: 'duplicate time interval names', yaml: `route:\n  receiver: a\ntime_intervals:\n  - name: w\n    time_intervals: [{ weekdays: [monday] }]\nmute_time_intervals:\n  - name: w\n    time_intervals: [{ weekdays: [friday] }]\n${receivers}`, line: 4, field: 'time_intervals[0].name' },
  { name: 'invalid label name in inhibit equal', yaml: `route:\n  receiver: a\ninhibit_rules:\n  - source_matchers: [a="1"]\n    target_matchers: [b="2"]\n    equal: [foo-bar]\n${receivers}`, line: 6, field: 'inhibit_rules[0].equal[0]' },
  { name: 'unknown key in an inhibit rule', yaml: `route:\n  receiver: a\ninhibit_rules:\n  - source_matcher: [a="1"]\n${receivers}`, line: 4, field: 'inhibit_rules[0].source_matcher' },
  { name: 'unknown top-level key', yaml: `route:\n  receiver: a\nroutes: []\n${receivers}`, line: 3, field: 'routes' },
];

/** Accepted by amtool 0.25; the console must accept them too. */
export const validConfigs: { name: string; yaml: string }[] = [
  {
    name: 'time intervals, both inhibit syntaxes, undeliverable receivers',
    yaml: `route:
  receiver: a
  routes:
    - receiver: b
      matchers: ['{severity="page"}']
      mute_time_intervals: [weekends, holidays]
      active_time_intervals: [office]
time_intervals:
  - name: office
    time_intervals:
      - times: [{ start_time: '09:00', end_time: '17:30' }]
        weekdays: ['monday:friday']
        location: Europe/Brussels
  - name: holidays
    time_intervals:
      - days_of_month: ['-1', '1:3', '-7:-1']
        months: ['december', '1:2']
        years: ['2024:2030']
mute_time_intervals:
  - name: weekends
    time_intervals: [{ weekdays: ['Saturday', 'sunday'] }, { times: [{ start_time: '00:00', end_time: '24:00' }] }]
inhibit_rules:
  - source_match: { severity: critical }
    target_match_re: { severity: 'warning|info' }
    equal: [alertname]
  - source_matchers: ['{alertname="A", env=~"prod.*"}']
    target_matchers: [alertname!="A"]
receivers:
  - name: a
    email_configs: [{ to: x@example.com, from: y@example.com, smarthost: 'localhost:25' }]
  - name: b
    pagerduty_configs: [{ routing_key: abc }]
    webhook_configs: [{ url: 'http://127.0.0.1:9/' }]
global:
  resolve_timeout: 5m
templates: ['/nonexistent/*.tmpl']
`,
  },
  {
    name: 'group_by written [...] unquoted, null routes, receiver inherited, matchers unquoted in a flow list',
    yaml: `route:
  receiver: a
  group_by: [...]
  routes:
    - matchers: [env=prod, team=~ops|sre]
      routes:
    - match: { code: 500 }
      receiver: b
      group_by: []
receivers: [{ name: a }, { name: b }]
`,
  },
];
