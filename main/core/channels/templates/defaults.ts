/**
 * The templates Alertmanager falls back on when a receiver sets none (its template/default.tmpl
 * of 0.25, plus the Teams ones of 0.26, the first release with msteams_configs). They print the
 * same text as Alertmanager's, but are written here from scratch: facts (what a subject looks like)
 * carry over, the file does not. The e-mail HTML carries the same content in the console's own markup.
 *
 * What they print, for reference:
 * - `__subject`: `[FIRING:2] <group label values> (<other common label values>)`; the parenthesis
 *   only when there are common labels beyond the group's.
 * - `__text_alert_list`: per alert `Labels:`, ` - name = value` lines, `Annotations:`, the same,
 *   `Source: <generatorURL>`.
 * - `__alertmanagerURL`: `<externalURL>/#/alerts?receiver=<receiver, query-escaped>`.
 */
export const defaultTemplates = String.raw`
{{- define "__alertmanager" }}Alertmanager{{ end -}}
{{- define "__alertmanagerURL" }}{{ print .ExternalURL "/#/alerts?receiver=" (urlquery .Receiver) }}{{ end -}}

{{- define "__subject" -}}
  [{{ toUpper .Status }}{{ if eq .Status "firing" }}:{{ len .Alerts.Firing }}{{ end }}]
  {{- " " }}{{ join " " .GroupLabels.SortedPairs.Values }}{{ " " }}
  {{- if gt (len .CommonLabels) (len .GroupLabels) -}}
    ({{ join " " (.CommonLabels.Remove .GroupLabels.Names).Values }})
  {{- end -}}
{{- end -}}
{{- define "__description" }}{{ end -}}

{{- define "__text_alert_list" -}}
  {{- range . -}}
    {{- "Labels:\n" }}{{ range .Labels.SortedPairs }}{{ printf " - %s = %s\n" .Name .Value }}{{ end -}}
    {{- "Annotations:\n" }}{{ range .Annotations.SortedPairs }}{{ printf " - %s = %s\n" .Name .Value }}{{ end -}}
    {{- printf "Source: %s\n" .GeneratorURL -}}
  {{- end -}}
{{- end -}}

{{- define "__text_alert_list_markdown" -}}
  {{- range . -}}
    {{- "\nLabels:\n" }}{{ range .Labels.SortedPairs }}{{ printf "  - %s = %s\n" .Name .Value }}{{ end -}}
    {{- "\nAnnotations:\n" }}{{ range .Annotations.SortedPairs }}{{ printf "  - %s = %s\n" .Name .Value }}{{ end -}}
    {{- printf "\nSource: %s\n" .GeneratorURL -}}
  {{- end -}}
  {{- "\n" -}}
{{- end -}}

{{- define "slack.default.title" }}{{ template "__subject" . }}{{ end -}}
{{- define "slack.default.username" }}{{ template "__alertmanager" . }}{{ end -}}
{{- define "slack.default.fallback" }}{{ template "slack.default.title" . }}{{ " | " }}{{ template "slack.default.titlelink" . }}{{ end -}}
{{- define "slack.default.callbackid" }}{{ end -}}
{{- define "slack.default.pretext" }}{{ end -}}
{{- define "slack.default.titlelink" }}{{ template "__alertmanagerURL" . }}{{ end -}}
{{- define "slack.default.iconemoji" }}{{ end -}}
{{- define "slack.default.iconurl" }}{{ end -}}
{{- define "slack.default.text" }}{{ end -}}
{{- define "slack.default.footer" }}{{ end -}}

{{- define "email.default.subject" }}{{ template "__subject" . }}{{ end -}}

{{- define "msteams.default.title" }}{{ template "__subject" . }}{{ end -}}
{{- define "msteams.default.summary" }}{{ template "__subject" . }}{{ end -}}
{{- define "msteams.default.text" -}}
  {{- "\n" }}{{ with .Alerts.Firing }}{{ "\n# Alerts Firing:\n" }}{{ template "__text_alert_list_markdown" . }}{{ "\n" }}{{ end -}}
  {{- "\n" }}{{ with .Alerts.Resolved }}{{ "\n# Alerts Resolved:\n" }}{{ template "__text_alert_list_markdown" . }}{{ "\n" }}{{ end -}}
  {{- "\n" -}}
{{- end -}}

{{- define "__email_alert_block" -}}
<tr><td class="alert">
<strong>Labels</strong><br />
{{ range .Labels.SortedPairs }}{{ .Name }} = {{ .Value }}<br />
{{ end }}
{{- if .Annotations }}<strong>Annotations</strong><br />
{{ range .Annotations.SortedPairs }}{{ .Name }} = {{ .Value }}<br />
{{ end }}{{ end -}}
<a href="{{ .GeneratorURL }}">Source</a>
</td></tr>
{{ end -}}

{{- define "email.default.html" -}}
<!DOCTYPE html>
<html>
<head>
<meta http-equiv="Content-Type" content="text/html; charset=UTF-8" />
<meta name="viewport" content="width=device-width" />
<title>{{ template "__subject" . }}</title>
<style>
body { font-family: Helvetica, Arial, sans-serif; font-size: 14px; background: #f6f6f6; margin: 0; padding: 20px; }
table.main { max-width: 600px; margin: 0 auto; background: #fff; border: 1px solid #e9e9e9; border-collapse: collapse; }
td.header { background: #e6522c; color: #fff; font-size: 16px; text-align: center; padding: 20px; }
td.alert, td.section { padding: 10px 20px; vertical-align: top; }
a.button { display: inline-block; background: #348eda; color: #fff; font-weight: bold; padding: 10px 20px; border-radius: 5px; text-decoration: none; }
p.footer { text-align: center; color: #999; font-size: 12px; }
</style>
</head>
<body>
<table class="main">
<tr><td class="header">{{ len .Alerts }} alert{{ if gt (len .Alerts) 1 }}s{{ end }} for {{ range .GroupLabels.SortedPairs }}{{ .Name }}={{ .Value }} {{ end }}</td></tr>
<tr><td class="section"><a class="button" href="{{ template "__alertmanagerURL" . }}">View in {{ template "__alertmanager" . }}</a></td></tr>
{{ with .Alerts.Firing }}<tr><td class="section"><strong>[{{ len . }}] Firing</strong></td></tr>
{{ range . }}{{ template "__email_alert_block" . }}{{ end }}{{ end -}}
{{ with .Alerts.Resolved }}{{ if $.Alerts.Firing }}<tr><td class="section"><hr /></td></tr>
{{ end }}<tr><td class="section"><strong>[{{ len . }}] Resolved</strong></td></tr>
{{ range . }}{{ template "__email_alert_block" . }}{{ end }}{{ end -}}
</table>
<p class="footer"><a href="{{ .ExternalURL }}">Sent by {{ template "__alertmanager" . }}</a></p>
</body>
</html>
{{ end -}}
`;
