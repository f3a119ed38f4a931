import type { Alert } from '../../../preload/contract';
import { SourceUnavailableError } from '../prometheus/errors';
import type { Clock } from '../shared/clock';
import { AlertingRule, resolvedRetentionMs, type EvalContext, type Transition } from './alerting-rule';
import type { RuleDef, RuleGroupDef } from './types';

export interface GroupResult {
  at: number;
  transitions: Transition[];
  /** Set when the server could not answer: alerts were left as they were. */
  unavailable: string | null;
  /** Rules whose query or templates failed this round. */
  failed: number;
}

export interface GroupDeps extends EvalContext {
  clock: Clock;
  /** Used when the group has no `interval` of its own. */
  defaultInterval: number;
  onResult?(group: RuleGroup, result: GroupResult): void;
}

/**
 * A rule group: its alerting rules evaluated together every `interval`. Recording rules are kept
 * for listing only; they run on the Prometheus server, which stores their output.
 */
export class RuleGroup {
  readonly rules: AlertingRule[];
  readonly recording: RuleDef[];
  readonly interval: number;
  lastResult: GroupResult | null = null;
  private cancel: (() => void) | null = null;
  private stopped = true;
  private running: Promise<GroupResult> | null = null;

  constructor(
    readonly def: RuleGroupDef,
    private readonly deps: GroupDeps,
  ) {
    this.rules = def.rules.filter((r) => r.kind === 'alerting').map((r) => new AlertingRule(r));
    this.recording = def.rules.filter((r) => r.kind === 'recording');
    this.interval = def.interval ?? deps.defaultInterval;
  }

  /** One evaluation of every alerting rule at `ts`; the client's limiter bounds concurrency. */
  async evaluate(ts: number = this.deps.clock.now()): Promise<GroupResult> {
    const outcomes = await Promise.allSettled(this.rules.map((rule) => rule.eval(ts, this.deps, { queryOffset: this.def.queryOffset, limit: this.def.limit })));
    const result: GroupResult = { at: ts, transitions: [], unavailable: null, failed: 0 };
    for (const outcome of outcomes) {
      if (outcome.status === 'fulfilled') result.transitions.push(...outcome.value);
      else if (outcome.reason instanceof SourceUnavailableError) result.unavailable = outcome.reason.message;
      else result.failed++;
    }
    this.lastResult = result;
    this.deps.onResult?.(this, result);
    return result;
  }

  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    this.schedule(this.deps.clock.now());
  }

  stop(): void {
    this.stopped = true;
    this.cancel?.();
    this.cancel = null;
  }

  /** Resolves when the evaluation in flight (if any) is done; tests and shutdown wait on it. */
  async idle(): Promise<void> {
    await this.running;
  }

  private schedule(at: number): void {
    this.cancel = this.deps.clock.setTimeout(() => void this.tick(at), Math.max(0, at - this.deps.clock.now()));
  }

  private async tick(slot: number): Promise<void> {
    if (this.stopped) return;
    // A timer that fires late (the laptop slept) evaluates at the latest slot, never in the past.
    const late = this.deps.clock.now() - slot;
    const planned = late >= this.interval ? slot + Math.floor(late / this.interval) * this.interval : slot;
    this.running = this.evaluate(planned);
    try {
      await this.running;
    } catch (err) {
      console.error(`rule group ${this.def.name} failed:`, err);
    } finally {
      this.running = null;
    }
    if (this.stopped) return;
    // Like Prometheus, iterations missed (a slow pass, a sleeping laptop) are skipped, not replayed.
    const now = this.deps.clock.now();
    let next = planned + this.interval;
    if (next <= now) next += Math.ceil((now - next + 1) / this.interval) * this.interval;
    this.schedule(next);
  }

  /** The group's alerts for the alert feed: pending, firing, and resolved ones for 15 minutes. */
  feedAlerts(sourceName: string, generatorBase: string, now: number): Alert[] {
    const out: Alert[] = [];
    for (const rule of this.rules) {
      for (const a of rule.active.values()) {
        if (a.state === 'inactive' && (a.resolvedAt === null || now - a.resolvedAt > resolvedRetentionMs)) continue;
        out.push({
          fingerprint: a.fingerprint,
          labels: a.labels,
          annotations: a.annotations,
          state: a.state === 'inactive' ? 'resolved' : a.state,
          activeAt: a.activeAt,
          firedAt: a.firedAt,
          resolvedAt: a.state === 'inactive' ? a.resolvedAt : null,
          value: a.value,
          source: 'rule',
          sourceName,
          generatorUrl: generatorBase ? `${generatorBase.replace(/\/$/, '')}/graph?g0.expr=${encodeURIComponent(rule.def.expr)}&g0.tab=1` : undefined,
        });
      }
    }
    return out;
  }
}
