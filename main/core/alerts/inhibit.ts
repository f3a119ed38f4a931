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

interface RuleIndex {
  rule: InhibitRule;
  /** equal-label values -> the firing alerts matching the rule's source matchers. */
  sources: Map<string, { fingerprint: string; twoSided: boolean }[]>;
  sourceFingerprints: Set<string>;
}

function isSource(rule: InhibitRule, alert: Alert): boolean {
  return alert.state === 'firing' && matchesAll(rule.source_matchers, alert.labels);
}

function sameList(a: string[] | undefined, b: string[] | undefined): boolean {
  if (a === b) return true;
  return a !== undefined && b !== undefined && a.length === b.length && a.every((x, i) => x === b[i]);
}

/**
 * Alertmanager's inhibition: a firing alert matching a rule's source matchers mutes every alert that
 * matches its target matchers and has the same values for the `equal` labels. An alert never
 * inhibits itself, and when a target matches both sides, sources that also match both sides are
 * ignored (so two such alerts cannot mute each other).
 *
 * Kept up to date per change: when only targets changed, each is checked against the indexed
 * sources; a change to a source (rare: "API down", "monitoring degraded") recomputes everything.
 */
export class Inhibitor {
  private rules: readonly InhibitRule[] = [];
  private index: RuleIndex[] = [];
  /** fingerprint -> fingerprints of the alerts that inhibit it. */
  private result = new Map<string, string[]>();

  inhibitions(): ReadonlyMap<string, string[]> {
    return this.result;
  }

  /** New rules: the next update must be a full one. */
  setRules(rules: readonly InhibitRule[]): void {
    this.rules = rules;
  }

  /** Recomputes every inhibition; returns the fingerprints whose inhibitors changed. */
  full(alerts: readonly Alert[]): Set<string> {
    const old = this.result;
    this.index = this.rules.map((rule) => {
      // Index the sources once per rule by their equal-label values: O(n) per rule, not O(n^2).
      const ix: RuleIndex = { rule, sources: new Map(), sourceFingerprints: new Set() };
      for (const a of alerts) {
        if (!isSource(rule, a)) continue;
        const key = equalKey(rule, a.labels);
        let list = ix.sources.get(key);
        if (!list) ix.sources.set(key, (list = []));
        list.push({ fingerprint: a.fingerprint, twoSided: matchesAll(rule.target_matchers, a.labels) });
        ix.sourceFingerprints.add(a.fingerprint);
      }
      return ix;
    });
    this.result = new Map();
    if (this.index.some((ix) => ix.sources.size > 0)) for (const a of alerts) this.evaluate(a);
    const changed = new Set<string>();
    for (const [fp, by] of old) if (!sameList(by, this.result.get(fp))) changed.add(fp);
    for (const fp of this.result.keys()) if (!old.has(fp)) changed.add(fp);
    return changed;
  }

  /** Only the alerts in `changed` moved; returns the fingerprints whose inhibitors changed. */
  update(changed: ReadonlySet<string>, get: (fp: string) => Alert | undefined, all: () => readonly Alert[]): Set<string> {
    for (const fp of changed) {
      const alert = get(fp);
      if (this.index.some((ix) => ix.sourceFingerprints.has(fp) || (alert !== undefined && isSource(ix.rule, alert)))) return this.full(all());
    }
    const out = new Set<string>();
    for (const fp of changed) {
      const before = this.result.get(fp);
      this.result.delete(fp);
      const alert = get(fp);
      if (alert) this.evaluate(alert);
      if (!sameList(before, this.result.get(fp))) out.add(fp);
    }
    return out;
  }

  private evaluate(a: Alert): void {
    for (const ix of this.index) {
      if (ix.sources.size === 0 || !matchesAll(ix.rule.target_matchers, a.labels)) continue;
      const list = ix.sources.get(equalKey(ix.rule, a.labels));
      if (!list) continue;
      const targetTwoSided = matchesAll(ix.rule.source_matchers, a.labels);
      for (const s of list) {
        if (s.fingerprint === a.fingerprint || (targetTwoSided && s.twoSided)) continue;
        let by = this.result.get(a.fingerprint);
        if (!by) this.result.set(a.fingerprint, (by = []));
        by.push(s.fingerprint);
        break;
      }
    }
  }
}
