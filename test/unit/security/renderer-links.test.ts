import { describe, expect, it } from 'vitest';
import { safeHref } from '../../../renderer/src/alerts/logic/annotation-text';

/**
 * Links built from text the console did not write (evidence URLs from an imported incident, an
 * Alertmanager's generatorURL) become clickable only when they are http(s). React 19 already
 * neuters `javascript:`, but `data:`, `file:` and custom schemes would still be live links.
 * TimelineEntryView (evidence) and AlertDetailPanel (source link) both go through safeHref.
 */

const hostile = ['javascript:alert(1)', 'data:text/html,<script>alert(1)</script>', 'file:///etc/passwd', 'ms-settings:privacy', 'vbscript:msgbox(1)', ' not a url'];

describe('links from untrusted text in the renderer', () => {
  it('pass http(s) URLs and refuse every other scheme', () => {
    expect(safeHref('https://grafana.example/d/x')).toBe('https://grafana.example/d/x');
    expect(safeHref('http://prometheus:9090/graph?g0.expr=up')).toBe('http://prometheus:9090/graph?g0.expr=up');
    for (const url of hostile) expect(safeHref(url), url).toBeNull();
  });
});
