/** The config.yml written on first start: everything commented, so an empty console starts cleanly. */
export const defaultConfigText = `# Oncall Console configuration. The app reloads this file when you save it;
# if it has an error, the app keeps the last good version running and shows the error.
# Durations: 500ms, 30s, 5m, 1h, 7d. Paths are relative to this folder.

# Health endpoints to poll (Gatus-style conditions).
targets: []
#  - name: api
#    url: https://api.example.com/health/ready
#    interval: 30s
#    timeout: 5s
#    conditions:
#      - "[STATUS] == 200"
#      - "[BODY].status == ok"
#      - "[RESPONSE_TIME] < 500"
#      - "[CERTIFICATE_EXPIRATION] > 168h"
#  - name: shop              # a page loaded in a real browser (interval at least 1m)
#    kind: browser
#    url: https://shop.example.com/
#    interval: 5m
#    conditions:
#      - "[PAGE_LOAD] < 3000"
#      - "[JS_ERRORS] == 0"
#      - "has([BODY]) == true"   # not a white page
# browser:                     # which Chromium (default: on PATH), how long failure screenshots stay
#   executable: /usr/bin/chromium
#   evidenceRetention: 7d

# Prometheus servers to query and evaluate rule files against.
prometheus: []
#  - name: prod
#    url: http://127.0.0.1:9090

# SLOs computed with PromQL (probe SLOs are set per target with slo:). {{window}} becomes 5m, 1h… 30d
# for each burn-rate window; burn-rate alerts follow the SRE workbook (14.4x 1h/5m, 6x 6h/30m, …).
slos: []
#  - service: checkout
#    prometheus: prod          # default: the first server above
#    objective: 99.9           # percent of good events over the window
#    window: 30d
#    events:                   # or errorRatio: <PromQL returning bad/total over [{{window}}]>
#      errors: sum(rate(http_requests_total{job="checkout",code=~"5.."}[{{window}}]))
#      total: sum(rate(http_requests_total{job="checkout"}[{{window}}]))
#    latency:
#      query: histogram_quantile({{quantile}}, sum by (le) (rate(http_request_duration_seconds_bucket{job="checkout"}[{{window}}])))
#      p50: 200ms
#      p99: 2s
#    errorRate: 0.1            # percent

# Alertmanagers to read alerts and silences from.
alertmanagers: []
#  - name: team
#    url: http://127.0.0.1:9093

# Prometheus rule files, unchanged (globs allowed). The built-in pack is always available.
rules:
  files:
    - rules/*.yml
    - rules/*.yaml

# Folders with Markdown runbooks. The built-in library is always available.
runbooks:
  dirs:
    - runbooks

# SSH hosts for runbook steps (your ~/.ssh/config is read as well).
ssh:
  hosts: []
#  - name: api-prod
#    hostname: 10.0.0.12
#    user: deploy
#    port: 22
#    identityFile: ~/.ssh/id_ed25519   # encrypted keys ask for the passphrase; it is never stored
#    proxyJump: bastion                # every hop's host key is checked too
#  useSshConfig: true                  # also read ~/.ssh/config, resolved exactly as ssh -G does
#  keepaliveInterval: 15s
#  readyTimeout: 20s
#  stepTimeout: 5m                     # for steps without a timeout= attribute
#  transport: auto                     # or openssh: run every host through /usr/bin/ssh

# Alerting: how alerts become notifications (Alertmanager's route tree, exactly).
# Everything below is optional; the defaults are Alertmanager's (no grouping labels, group_wait 30s,
# group_interval 5m, repeat_interval 4h) and escalation after 30 min / 60 min for P1 and P2.
#alerting:
#  # alertmanagerConfig: ~/team/alertmanager.yml   # or take route, inhibit_rules, receivers and
#  #                                               # time_intervals from the team's file, unchanged
#  route:
#    group_by: [alertname, service]
#    group_wait: 30s
#    group_interval: 5m
#    repeat_interval: 4h
#    routes:
#      - matchers: ['severity="critical"']
#        group_wait: 10s
#        continue: true
#      - matchers: ['service=~"batch-.*"']
#        mute: true                         # shown in the list, never notifies
#  inhibit_rules:
#    - source_matchers: ['alertname="ApiDown"']
#      target_matchers: ['alertname="ApiLatencyHigh"']
#      equal: [service]
#  builtinInhibitRules: true             # MonitoringDegraded (the console is blind) mutes everything else
#  quietHours: { start: "22:00", end: "08:00" }   # only critical P1 pages break through
#  escalation:
#    priorities: [P1, P2]
#    levels:
#      - { level: 2, after: 30m, name: On-call SRE, phone: "+32 000 00 00 00", chat: "https://chat.example.com/incidents" }
#      - { level: 3, after: 60m, name: Lead engineer, phone: "+32 000 00 00 01" }
#  sounds: { critical: true, warning: false, info: false, repeatEvery: 30s }   # critical rings until acknowledged
#  autoIncident: { priorities: [P1] }    # open an incident automatically
#  alertmanagerPoll: 15s
#  silenceWarning: 10m
`;
