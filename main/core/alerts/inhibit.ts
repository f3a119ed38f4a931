import { matchesAll, type Alert } from '../../../preload/contract';
import type { InhibitRule } from './config';

/** The console's own blindness mutes everything else: an alert storm from a dead network helps no one. */
export const builtinInhibitRules: InhibitRule[] = [
  {
    source_matchers: [{ name: 'alertname', op: '=', value: 'MonitoringDegraded' }],
    target_matchers: [{ name: 'alertname', op: '!=', value: 'MonitoringDegraded' }],
    equal: [],
  },
];

function equalKey(rule: InhibitRule, labels: Record<string, string>): string {
  // A missing label counts as empty, as in Alertmanager: both sides lacking `service` are "equal".
  return rule.equal.map((name) => labels[name] ?? '').join('\u0000');
}

/**
 * Alertmanager's inhibition: a firing alert matching a rule's source matchers mutes every alert that
 * matches its target matchers and has the same values for the `equal` labels. An alert never
 * inhibits itself, and when a target matches both sides, sources that also match both sides are
 * ignored (so two such alerts cannot mute each other).
 * Returns fingerprint -> fingerprints of the alerts that inhibit it.
 */
export function computeInhibitions(rules: readonly InhibitRule[], alerts: readonly Alert[]): Map<string, string[]> {
  const result = new Map<string, string[]>();
  if (rules.length === 0) return result;
  for (const rule of rules) {
    // Index the sources once per rule by their equal-label values: O(n) per rule, not O(n^2).
    const sources = new Map<string, { fingerprint: string; twoSided: boolean }[]>();
    for (const a of alerts) {
      if (a.state !== 'firing' || !matchesAll(rule.source_matchers, a.labels)) continue;
      const key = equalKey(rule, a.labels);
      let list = sources.get(key);
      if (!list) sources.set(key, (list = []));
      list.push({ fingerprint: a.fingerprint, twoSided: matchesAll(rule.target_matchers, a.labels) });
    }
    if (sources.size === 0) continue;
    for (const a of alerts) {
      if (!matchesAll(rule.target_matchers, a.labels)) continue;
      const list = sources.get(equalKey(rule, a.labels));
      if (!list) continue;
      const targetTwoSided = matchesAll(rule.source_matchers, a.labels);
      for (const s of list) {
        if (s.fingerprint === a.fingerprint || (targetTwoSided && s.twoSided)) continue;
        let by = result.get(a.fingerprint);
        if (!by) result.set(a.fingerprint, (by = []));
        by.push(s.fingerprint);
        break;
      }
    }
  }
  return result;
}
