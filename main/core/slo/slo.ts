import type { Alert, AlertSource, SloObjective, SloReport } from '../../../preload/contract';
import { quantile } from '../history/histogram';
import type { Aggregate } from '../history/store';
import { fingerprint } from '../shared/fingerprint';

export interface SloSource {
  aggregate(targets: readonly string[], from: number, to: number): Aggregate;
}

/**
 * A probe SLO's objectives, as a target's `slo:` parses (probes/config.ts). Declared here so the SLO
 * math does not depend on the probes domain, which depends on it.
 */
export interface ProbeSloObjectives {
  /** Percent of successful checks. */
  availability: number;
  latencyP50: number;
  latencyP99: number;
  /** Percent of checks that may fail with a 5xx or no answer. */
  errorRate: number;
  window: number;
}

export interface ServiceSlo {
  service: string;
  targets: string[];
  slo: ProbeSloObjectives;
  /** Publish burn-rate alerts (only for objectives the user wrote down, or the demo). */
  alerting: boolean;
  runbook?: string;
}

const m = 60_000;
const h = 60 * m;

/**
 * Multi-window burn-rate alerts from the Google SRE workbook, for a 30-day window: page when the
 * budget burns 14.4x over 1h (and still over the last 5m), or 6x over 6h (and 30m); open a ticket
 * at 3x over 1d/2h and 1x over 3d/6h. The short window makes the alert stop soon after the burn does.
 */
export const burnRules = [
  { severity: 'critical', long: 1 * h, short: 5 * m, factor: 14.4 },
  { severity: 'critical', long: 6 * h, short: 30 * m, factor: 6 },
  { severity: 'warning', long: 24 * h, short: 2 * h, factor: 3 },
  { severity: 'warning', long: 72 * h, short: 6 * h, factor: 1 },
] as const;

/** How fast the error budget burns: 1 means exactly used up at the end of the window. */
export function burnRate(agg: Aggregate, availabilityObjective: number): number | null {
  if (agg.count === 0) return null;
  const budget = 1 - availabilityObjective / 100;
  return (1 - agg.ok / agg.count) / budget;
}

export function computeSlo(source: SloSource, s: ServiceSlo, now: number): SloReport {
  const to = now + 1;
  const window = source.aggregate(s.targets, now - s.slo.window, to);
  const has = window.count > 0;
  const availability = has ? (100 * window.ok) / window.count : null;
  const errorRate = has ? (100 * window.errors) / window.count : null;
  const p50 = quantile(window.hist, 0.5);
  const p99 = quantile(window.hist, 0.99);
  const burn = burnPicture(s.slo.window, (ms) => burnRate(source.aggregate(s.targets, now - ms, to), s.slo.availability));
  return {
    service: s.service,
    name: 'availability',
    targets: s.targets,
    windowMs: s.slo.window,
    source: 'probes',
    prometheus: null,
    status: 'ok',
    statusReason: null,
    checks: window.count,
    objectives: [
      objective('availability', s.slo.availability, availability),
      objective('latency-p50', s.slo.latencyP50, p50),
      objective('latency-p99', s.slo.latencyP99, p99),
      objective('error-rate', s.slo.errorRate, errorRate),
    ],
    ...burn,
  };
}

/** Availability must reach its objective; latency and error rate must stay at or below theirs. */
export function objective(kind: SloObjective['kind'], target: number, actual: number | null): SloObjective {
  return { kind, objective: target, actual, met: actual === null ? null : kind === 'availability' ? actual >= target : actual <= target };
}

/** Every window a burn rate is computed over: the SLO window itself and both windows of each rule. */
export function burnWindows(windowMs: number): number[] {
  return [...new Set([windowMs, ...burnRules.flatMap((r) => [r.long, r.short])])];
}

/**
 * Budget left, burn rates and firing multi-window alerts from one burn-rate function, whatever
 * the SLI comes from (probe history or PromQL), so both kinds of SLO alert by the same rules.
 */
export function burnPicture(windowMs: number, rateOver: (ms: number) => number | null): Pick<SloReport, 'budgetRemaining' | 'burnRates' | 'alerts'> {
  const cache = new Map<number, number | null>();
  const rate = (ms: number) => {
    if (!cache.has(ms)) cache.set(ms, rateOver(ms));
    return cache.get(ms) ?? null;
  };
  const burn = rate(windowMs);
  const alerts = burnRules
    .filter((r) => {
      const long = rate(r.long);
      const short = rate(r.short);
      return long !== null && short !== null && long >= r.factor && short >= r.factor;
    })
    .map((r) => ({ severity: r.severity, long: label(r.long), short: label(r.short), factor: r.factor }));
  return {
    budgetRemaining: burn === null ? null : 1 - burn,
    burnRates: [
      { window: label(windowMs), rate: burn },
      ...[...new Set(burnRules.flatMap((r) => [r.long, r.short]))].sort((a, b) => a - b).map((ms) => ({ window: label(ms), rate: rate(ms) })),
    ],
    alerts,
  };
}

/** What burn-rate alerts are built from: a probe-based service or a PromQL SLO. */
export interface BurnSubject {
  service: string;
  /** Label `slo`; default "availability". */
  name?: string;
  slo: { availability: number; window: number };
  alerting: boolean;
  runbook?: string;
  /** Where the alerts are published; default: probe, `slo:<service>`. */
  feed?: { source: AlertSource; sourceName: string };
}

/** Burn-rate alerts for one service, in the shape every alert source publishes. */
export function burnAlerts(report: SloReport, s: BurnSubject, now: number): Alert[] {
  if (!s.alerting) return [];
  const feed = s.feed ?? { source: 'probe', sourceName: `slo:${s.service}` };
  return report.alerts.map((a) => {
    const labels = { alertname: 'SLOBurnRate', service: s.service, slo: s.name ?? 'availability', severity: a.severity, long_window: a.long, short_window: a.short };
    const annotations: Record<string, string> = {
      summary: `${s.service} is burning its error budget ${a.factor}x too fast`,
      description: `Availability objective ${s.slo.availability}% over ${label(s.slo.window)}: the budget burns at >= ${a.factor}x over both ${a.long} and ${a.short}. ${formatBudget(report.budgetRemaining)}`,
    };
    if (s.runbook) annotations.runbook_url = s.runbook;
    return { fingerprint: fingerprint(labels), labels, annotations, state: 'firing', activeAt: now, firedAt: now, resolvedAt: null, value: a.factor, source: feed.source, sourceName: feed.sourceName };
  });
}

function formatBudget(remaining: number | null): string {
  return remaining === null ? '' : `Error budget remaining: ${(remaining * 100).toFixed(1)}%.`;
}

/** 30d, 6h, 5m: also what `{{window}}` becomes in PromQL SLO queries. */
export function label(ms: number): string {
  if (ms % (24 * h) === 0) return `${ms / (24 * h)}d`;
  if (ms % h === 0) return `${ms / h}h`;
  if (ms % m === 0) return `${ms / m}m`;
  return `${Math.round(ms / 1000)}s`;
}
