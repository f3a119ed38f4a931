import { fingerprint } from '../shared/fingerprint';
import { SourceUnavailableError } from '../prometheus/errors';
import type { Sample } from '../prometheus/types';
import { expandAlertTemplate } from './template';
import type { RuleDef } from './types';

/** Prometheus keeps a resolved alert this long so Alertmanager (and the UI) see it resolve. */
export const resolvedRetentionMs = 15 * 60_000;

export type AlertRuleState = 'inactive' | 'pending' | 'firing';

/** One alert of a rule, as Prometheus's rules.Alert. Times are ms since epoch. */
export interface RuleAlert {
  fingerprint: string;
  labels: Record<string, string>;
  annotations: Record<string, string>;
  state: AlertRuleState;
  value: number;
  activeAt: number;
  firedAt: number | null;
  /** Set when the alert went inactive after being active (a resolved firing alert). */
  resolvedAt: number | null;
  keepFiringSince: number | null;
}

export interface Transition {
  rule: string;
  fingerprint: string;
  labels: Record<string, string>;
  annotations: Record<string, string>;
  /** `inactive` -> `pending` -> `firing` -> `resolved`; a pending alert that vanishes goes back to `inactive`. */
  from: 'inactive' | 'pending' | 'firing';
  to: 'pending' | 'firing' | 'resolved' | 'inactive';
  at: number;
  value: number;
}

export type RuleHealth = 'unknown' | 'ok' | 'err';

export interface EvalContext {
  /** Instant query; throws SourceUnavailableError when the server cannot answer. */
  query(expr: string, time: number): Promise<Sample[]>;
  externalLabels: Record<string, string>;
  externalUrl: string;
}

/**
 * One alerting rule and its alerts, with Prometheus's semantics (rules/alerting.go): every sample
 * of the expression is an alert; it is pending until it has been active for `for`, then firing;
 * when its series vanishes a pending alert is dropped silently, a firing one resolves (or keeps
 * firing for `keep_firing_for`), and resolved alerts are kept for 15 minutes.
 */
export class AlertingRule {
  readonly active = new Map<string, RuleAlert>();
  health: RuleHealth = 'unknown';
  lastError: string | null = null;
  lastEvaluation: number | null = null;
  evaluationMs = 0;

  constructor(readonly def: RuleDef) {}

  get name(): string {
    return this.def.name;
  }

  /** The alerts Prometheus's /api/v1/alerts would list (pending and firing). */
  activeAlerts(): RuleAlert[] {
    return [...this.active.values()].filter((a) => a.state !== 'inactive');
  }

  /** The state of the rule as a whole: its most severe alert. */
  state(): AlertRuleState {
    const states = [...this.active.values()].map((a) => a.state);
    return states.includes('firing') ? 'firing' : states.includes('pending') ? 'pending' : 'inactive';
  }

  /**
   * Evaluates at `ts` (the group's evaluation time) against data at `ts - queryOffset`. If the
   * server is unavailable the rule keeps every alert exactly as it was and the error propagates:
   * not knowing is never the same as resolved.
   */
  async eval(ts: number, ctx: EvalContext, opts: { queryOffset?: number; limit?: number } = {}): Promise<Transition[]> {
    const started = performance.now();
    const queryTime = ts - (opts.queryOffset ?? 0);
    let samples: Sample[];
    try {
      samples = await ctx.query(this.def.expr, queryTime);
    } catch (err) {
      if (!(err instanceof SourceUnavailableError)) {
        this.health = 'err';
        this.lastError = (err as Error).message;
      }
      this.evaluationMs = performance.now() - started;
      throw err;
    }

    const expand = (text: string, labels: Record<string, string>, value: number) =>
      text.includes('{{')
        ? expandAlertTemplate(this.def.name, text, { labels, externalLabels: ctx.externalLabels, externalUrl: ctx.externalUrl, value }, { query: (q) => ctx.query(q, queryTime) })
        : Promise.resolve(text);

    const fresh = new Map<string, RuleAlert>();
    for (const sample of samples) {
      const seriesLabels = { ...sample.labels };
      delete seriesLabels.__name__;
      const labels = { ...seriesLabels };
      for (const [name, text] of Object.entries(this.def.labels)) {
        const value = await expand(text, sample.labels, sample.value);
        // Like labels.Builder.Set: an empty value removes the label.
        if (value === '') delete labels[name];
        else labels[name] = value;
      }
      labels.alertname = this.def.name;
      const annotations: Record<string, string> = {};
      for (const [name, text] of Object.entries(this.def.annotations)) annotations[name] = await expand(text, sample.labels, sample.value);
      const fp = fingerprint(labels);
      if (fresh.has(fp)) {
        this.health = 'err';
        this.lastError = 'vector contains metrics with the same labelset after applying alert labels';
        this.evaluationMs = performance.now() - started;
        throw new Error(this.lastError);
      }
      fresh.set(fp, { fingerprint: fp, labels: sortLabels(labels), annotations, state: 'pending', value: sample.value, activeAt: ts, firedAt: null, resolvedAt: null, keepFiringSince: null });
    }

    const transitions: Transition[] = [];
    const note = (a: RuleAlert, from: Transition['from'], to: Transition['to']) =>
      transitions.push({ rule: this.def.name, fingerprint: a.fingerprint, labels: a.labels, annotations: a.annotations, from, to, at: ts, value: a.value });

    for (const [fp, alert] of fresh) {
      const existing = this.active.get(fp);
      if (existing && existing.state !== 'inactive') {
        existing.value = alert.value;
        existing.annotations = alert.annotations;
        continue;
      }
      // New, or back after resolving: a fresh alert that starts pending.
      this.active.set(fp, alert);
      note(alert, 'inactive', 'pending');
    }

    let activeCount = 0;
    for (const [fp, alert] of this.active) {
      if (!fresh.has(fp)) {
        let keepFiring = false;
        if (alert.state === 'firing' && this.def.keepFiringFor > 0) {
          alert.keepFiringSince ??= ts;
          keepFiring = ts - alert.keepFiringSince < this.def.keepFiringFor;
        }
        if (alert.state === 'pending' || (alert.resolvedAt !== null && ts - alert.resolvedAt > resolvedRetentionMs)) this.active.delete(fp);
        if (alert.state !== 'inactive' && !keepFiring) {
          // A pending alert that vanishes was never an incident: no resolved event.
          note(alert, alert.state, alert.state === 'firing' ? 'resolved' : 'inactive');
          alert.state = 'inactive';
          alert.resolvedAt = ts;
        }
        if (!keepFiring) continue;
      } else alert.keepFiringSince = null;
      activeCount++;
      if (alert.state === 'pending' && ts - alert.activeAt >= this.def.for) {
        alert.state = 'firing';
        alert.firedAt = ts;
        note(alert, 'pending', 'firing');
      }
    }

    this.lastEvaluation = ts;
    this.evaluationMs = performance.now() - started;
    const limit = opts.limit ?? 0;
    if (limit > 0 && activeCount > limit) {
      this.active.clear();
      this.health = 'err';
      this.lastError = `exceeded limit of ${limit} with ${activeCount} alerts`;
      throw new Error(this.lastError);
    }
    this.health = 'ok';
    this.lastError = null;
    return transitions;
  }
}

function sortLabels(labels: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(labels).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}
