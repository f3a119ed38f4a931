import { describe, expect, it } from 'vitest';
import { checkAlertTemplate, expandAlertTemplate } from '../../../main/core/rules/template';
import { caseAlertName, caseSample, caseSeries, templateCases } from './template-cases';

/** Renders like an alerting rule does for the case series; `query` answers from that one series. */
function render(template: string): Promise<string> {
  return expandAlertTemplate(caseAlertName, template, { labels: caseSample.labels, externalLabels: {}, externalUrl: '', value: caseSample.value }, { query: (q) => Promise.resolve(q === caseSeries.metric ? [caseSample] : []) });
}

describe('alert templates render what Prometheus renders', () => {
  // The expected strings are Prometheus's own output (test/integration/rules/promtool.test.ts
  // checks the same table against `promtool test rules`).
  it.each(templateCases.map((c) => [c.name, c.template, c.expected]))('%s', async (_name, template, expected) => {
    expect(await render(template)).toBe(expected);
  });

  it('uses externalURL and $externalLabels of the server', async () => {
    const text = await expandAlertTemplate('A', '{{ $externalLabels.region }} {{ externalURL }} {{ graphLink "up == 0" }} {{ pathPrefix }}', { labels: {}, externalLabels: { region: 'eu' }, externalUrl: 'http://prom.example:9090/prometheus', value: 1 }, {});
    expect(text).toBe('eu http://prom.example:9090/prometheus http://prom.example:9090/prometheus/graph?g0.expr=up+%3D%3D+0&g0.tab=0 /prometheus');
  });
});

describe('checkAlertTemplate (rules check)', () => {
  it('accepts templates using the Prometheus function set', () => {
    for (const c of templateCases) expect(checkAlertTemplate(caseAlertName, c.template)).toBeNull();
  });

  it.each([
    ['{{ humanise $value }}', 'template: __alert_A:1: function "humanise" not defined'],
    ['{{ if $value }}x', 'template: __alert_A:1: unexpected EOF'],
    ['{{ $nope }}', 'template: __alert_A:1: undefined variable "$nope"'],
    ['{{ end }}', 'template: __alert_A:1: unexpected {{end}}'],
  ])('rejects %s', (template, message) => {
    expect(checkAlertTemplate('A', template)).toBe(message);
  });
});
