import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { NotificationData } from '../../../main/core/channels/message';
import { loadTemplateSet } from '../../../main/core/channels/templates/set';

/**
 * Alertmanager's template functions, data methods and default templates. The expected texts were
 * worked out by hand from Alertmanager's template/default.tmpl (0.25; the msteams ones from 0.26,
 * which added Teams) and template/template.go: e.g. __subject is
 * "[STATUS(:N firing)] <group label values> (<common label values beyond the group's>)", and
 * KV.SortedPairs puts `alertname` first, the rest by name. The webhook, Slack and e-mail subject
 * are also compared with the real Alertmanager in test/integration/channels/alertmanager-reference.test.ts.
 */

const data: NotificationData = {
  receiver: 'team.ops',
  status: 'firing',
  alerts: [
    { status: 'firing', labels: { zone: 'eu', alertname: 'HighLatency', service: 'api', instance: 'a:1' }, annotations: { summary: 'p99 > 1s', description: 'slow' }, startsAt: '2026-12-03T08:05:09.5+01:00', endsAt: '0001-01-01T00:00:00Z', generatorURL: 'http://prom/g1', fingerprint: 'f1' },
    { status: 'resolved', labels: { zone: 'eu', alertname: 'HighLatency', service: 'api', instance: 'b:1' }, annotations: { summary: 'p99 ok' }, startsAt: '2026-12-03T06:00:00Z', endsAt: '2026-12-03T07:30:00.123456789Z', generatorURL: 'http://prom/g2', fingerprint: 'f2' },
  ],
  groupLabels: { service: 'api', alertname: 'HighLatency' },
  commonLabels: { zone: 'eu', alertname: 'HighLatency', service: 'api' },
  commonAnnotations: {},
  externalURL: 'http://am.example:9093',
  groupKey: 'g',
  truncatedAlerts: 0,
};

const render = async (text: string, d: NotificationData = data) => (await loadTemplateSet(null, '/')).text(text, d);
const renderHtml = async (text: string) => (await loadTemplateSet(null, '/')).html(text, data);

describe("Alertmanager's template functions and data", () => {
  it('toUpper, toLower, title, join, match, reReplaceAll, stringSlice, safeHtml', async () => {
    expect(await render('{{ "ab cd" | toUpper }} {{ toLower "AB" }} {{ title "hello wide world" }}')).toBe('AB CD ab Hello Wide World');
    expect(await render('{{ join ", " (stringSlice "a" "b" "c") }}')).toBe('a, b, c');
    expect(await render('{{ match "^a.c$" "abc" }} {{ match "b" "abc" }} {{ match "^b$" "abc" }}')).toBe('true true false');
    expect(await render('{{ reReplaceAll "(\\\\w+):(\\\\d+)" "$2/$1" "host:80" }}')).toBe('80/host');
    expect(await render('{{ safeHtml "<b>" }}')).toBe('<b>');
  });

  it("rejects Prometheus's own functions, as Alertmanager does", async () => {
    await expect(render('{{ humanize 1000 }}')).rejects.toThrow(/function "humanize" not defined/);
  });

  it('.Alerts.Firing/.Resolved, .SortedPairs (alertname first), .Names, .Values, .Remove', async () => {
    expect(await render('{{ len .Alerts }} {{ len .Alerts.Firing }} {{ len .Alerts.Resolved }}')).toBe('2 1 1');
    expect(await render('{{ range .CommonLabels.SortedPairs }}{{ .Name }}={{ .Value }};{{ end }}')).toBe('alertname=HighLatency;service=api;zone=eu;');
    expect(await render('{{ .GroupLabels.Names }} {{ .CommonLabels.Values }}')).toBe('[alertname service] [HighLatency api eu]');
    expect(await render('{{ (.CommonLabels.Remove .GroupLabels.Names).Names }}')).toBe('[zone]');
    expect(await render('{{ with .CommonLabels.Remove (stringSlice "zone") }}{{ .SortedPairs.Values | join "+" }}{{ end }}')).toBe('HighLatency+api');
    expect(await render('{{ range .Alerts.Resolved }}{{ .Labels.instance }}{{ end }}')).toBe('b:1');
    // The receiver is regexp.QuoteMeta'd in Alertmanager's data.
    expect(await render('{{ .Receiver }}')).toBe('team\\.ops');
  });

  it('StartsAt/EndsAt print as Go times and take .Format, .Unix, .IsZero', async () => {
    expect(await render('{{ (index .Alerts 0).StartsAt }}')).toBe('2026-12-03 08:05:09.5 +0100 +0100');
    expect(await render('{{ (index .Alerts 1).EndsAt }}')).toBe('2026-12-03 07:30:00.123456789 +0000 UTC');
    expect(await render('{{ (index .Alerts 0).StartsAt.Format "2006-01-02 15:04:05 MST" }}')).toBe('2026-12-03 08:05:09 +0100');
    expect(await render('{{ (index .Alerts 1).StartsAt.Format "Mon Jan _2 3:04PM" }}')).toBe('Thu Dec  3 6:00AM');
    expect(await render('{{ (index .Alerts 1).StartsAt.Unix }} {{ (index .Alerts 0).EndsAt.IsZero }} {{ (index .Alerts 1).EndsAt.IsZero }}')).toBe('1796277600 true false');
  });

  it('a method given arguments it does not take, or a map key given any, fails like Go', async () => {
    await expect(render('{{ .CommonLabels.Remove }}')).rejects.toThrow(/wrong number of args for Remove: want 1 got 0/);
    await expect(render('{{ .CommonLabels.zone "x" }}')).rejects.toThrow(/zone is not a method but has arguments/);
  });

  it('html rendering escapes what actions print, except safeHtml', async () => {
    const d = { ...data, commonAnnotations: { s: `<a href="x">1+1 & 'q'</a>` } };
    const set = await loadTemplateSet(null, '/');
    expect(await set.html('<p>{{ .CommonAnnotations.s }}</p>{{ safeHtml "<br>" }}', d)).toBe('<p>&lt;a href=&#34;x&#34;&gt;1&#43;1 &amp; &#39;q&#39;&lt;/a&gt;</p><br>');
    expect(await set.text('{{ .CommonAnnotations.s }}', d)).toBe(`<a href="x">1+1 & 'q'</a>`);
    expect(await renderHtml('{{ template "__subject" . }}')).toBe('[FIRING:1] HighLatency api (eu)');
  });
});

describe("Alertmanager's default templates", () => {
  it('__subject: status, firing count, group values, the other common values', async () => {
    expect(await render('{{ template "__subject" . }}')).toBe('[FIRING:1] HighLatency api (eu)');
    const resolved = { ...data, status: 'resolved' as const, commonLabels: { alertname: 'HighLatency', service: 'api' } };
    // No common labels beyond the group's: no parenthesis, but the trailing space stays.
    expect(await render('{{ template "__subject" . }}', resolved)).toBe('[RESOLVED] HighLatency api ');
  });

  it('__text_alert_list', async () => {
    expect(await render('{{ template "__text_alert_list" .Alerts.Firing }}')).toBe(
      'Labels:\n - alertname = HighLatency\n - instance = a:1\n - service = api\n - zone = eu\nAnnotations:\n - description = slow\n - summary = p99 > 1s\nSource: http://prom/g1\n',
    );
  });

  it('slack.default.* (title, username, titlelink, fallback, empty text/pretext/footer)', async () => {
    expect(await render('{{ template "slack.default.title" . }}|{{ template "slack.default.username" . }}|{{ template "slack.default.titlelink" . }}')).toBe(
      '[FIRING:1] HighLatency api (eu)|Alertmanager|http://am.example:9093/#/alerts?receiver=team%5C.ops',
    );
    expect(await render('{{ template "slack.default.fallback" . }}')).toBe('[FIRING:1] HighLatency api (eu) | http://am.example:9093/#/alerts?receiver=team%5C.ops');
    expect(await render('[{{ template "slack.default.text" . }}{{ template "slack.default.pretext" . }}{{ template "slack.default.footer" . }}{{ template "slack.default.iconemoji" . }}]')).toBe('[]');
  });

  it('email.default.subject and the HTML body carry the subject, counts, labels and links', async () => {
    expect(await render('{{ template "email.default.subject" . }}')).toBe('[FIRING:1] HighLatency api (eu)');
    const html = await renderHtml('{{ template "email.default.html" . }}');
    for (const part of ['<title>[FIRING:1] HighLatency api (eu)</title>', '2 alerts for alertname=HighLatency service=api', '[1] Firing', '[1] Resolved', 'summary = p99 &gt; 1s', 'href="http://prom/g1"', 'View in Alertmanager', 'href="http://am.example:9093/#/alerts?receiver=team%5C.ops"'])
      expect(html).toContain(part);
  });

  it('msteams.default.* (Alertmanager 0.26)', async () => {
    expect(await render('{{ template "msteams.default.title" . }}|{{ template "msteams.default.summary" . }}')).toBe('[FIRING:1] HighLatency api (eu)|[FIRING:1] HighLatency api (eu)');
    expect(await render('{{ template "msteams.default.text" . }}')).toBe(
      '\n\n# Alerts Firing:\n\nLabels:\n  - alertname = HighLatency\n  - instance = a:1\n  - service = api\n  - zone = eu\n\nAnnotations:\n  - description = slow\n  - summary = p99 > 1s\n\nSource: http://prom/g1\n\n\n' +
        '\n\n# Alerts Resolved:\n\nLabels:\n  - alertname = HighLatency\n  - instance = b:1\n  - service = api\n  - zone = eu\n\nAnnotations:\n  - summary = p99 ok\n\nSource: http://prom/g2\n\n\n\n',
    );
  });

  it('templates: globs are read relative to alertmanager.yml, in order, and may override a default', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'oncall-tmpl-'));
    mkdirSync(join(dir, 'tmpl'));
    writeFileSync(join(dir, 'tmpl', 'a.tmpl'), '{{ define "__subject" }}OVERRIDDEN {{ .Status }}{{ end }}{{ define "x" }}a{{ end }}');
    writeFileSync(join(dir, 'tmpl', 'b.tmpl'), '{{ define "x" }}b{{ end }}');
    writeFileSync(join(dir, 'tmpl', 'skip.txt'), '{{ define "x" }}never{{ end }}');
    const set = await loadTemplateSet(['tmpl/*.tmpl', 'missing/*.tmpl'], dir);
    expect(await set.text('{{ template "slack.default.title" . }} {{ template "x" . }}', data)).toBe('OVERRIDDEN firing b');
    writeFileSync(join(dir, 'tmpl', 'c.tmpl'), '{{ define "broken" }}{{ .X ');
    await expect(loadTemplateSet(['tmpl/*.tmpl'], dir)).rejects.toThrow(/c\.tmpl/);
  });
});
