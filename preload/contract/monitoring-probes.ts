// Health probes, their history and SLOs: the probe half of the monitoring domain's contract.
import { z } from 'zod';
import { method } from './define';

export type TargetHealth = 'up' | 'down' | 'unknown' | 'stale';

export interface TargetStatus {
  name: string;
  url: string;
  kind: 'http' | 'tcp' | 'browser';
  /** Watched at runtime (the demo), not from config.yml. */
  runtime: boolean;
  health: TargetHealth;
  /** Why the target is unknown ("no network", "not checked yet", "woke from sleep"). */
  unknownReason: string | null;
  intervalMs: number;
  lastCheckAt: number | null;
  lastSuccessAt: number | null;
  latencyMs: number | null;
  status: number | null;
  /** Why the last check failed. */
  reason: string | null;
  failingChecks: string[];
  consecutiveFailures: number;
  slow: 'warning' | 'critical' | null;
  certExpiresAt: number | null;
  /** `critical: true` in config.yml: checked at its own interval on battery power too. */
  critical: boolean;
  /** The interval the target is checked at now: `intervalMs`, or stretched while on battery. */
  effectiveIntervalMs: number;
}

/**
 * What the console knows about the machine's power supply. "unknown" (no battery found, or a face
 * that cannot tell, such as browser mode on macOS or Windows) is treated as mains power.
 */
export type PowerState = 'battery' | 'ac' | 'unknown';

export interface PowerView {
  state: PowerState;
  /** `monitoring.onBattery.intervalFactor`: how much longer non-critical intervals are on battery. */
  intervalFactor: number;
  /** True while intervals are stretched (on battery, with a factor above 1). */
  stretched: boolean;
}

export interface ProbesSnapshot {
  at: number;
  paused: boolean;
  targets: TargetStatus[];
  /** Set while the console cannot see: "no network" or "woke from sleep". */
  degraded: { reason: string; since: number } | null;
  power: PowerView;
}

/** Columnar series for uPlot: one entry per raw probe or rollup bucket. */
export interface HistorySeries {
  target: string;
  resolution: 'raw' | 'minute' | 'hour' | 'day';
  /** Seconds since epoch (uPlot's x unit). */
  t: number[];
  /** Mean latency, ms; null where no answer came back. */
  latencyMs: (number | null)[];
  /** Share of successful checks, 0..1. */
  up: number[];
}

export interface SloObjective {
  /** availability | latency-p50 | latency-p99 | error-rate */
  kind: 'availability' | 'latency-p50' | 'latency-p99' | 'error-rate';
  /** Objective: percent for availability/error-rate, ms for latency. */
  objective: number;
  /** Measured over the window; null without data. */
  actual: number | null;
  met: boolean | null;
}

export interface SloReport {
  service: string;
  /** The SLO's own name under its service (PromQL SLOs; probe SLOs use "availability"). */
  name: string;
  targets: string[];
  windowMs: number;
  /** Probe history in journal.db, or PromQL against a configured Prometheus (`slos:` in config.yml). */
  source: 'probes' | 'promql';
  /** The Prometheus server a PromQL SLO is evaluated against. */
  prometheus: string | null;
  /** "ok", or why nothing is known: the server cannot be asked, or it rejected a query. Never a healthy SLO while blind. */
  status: 'ok' | 'unavailable' | 'query-error';
  statusReason: string | null;
  /** Probe checks in the window; null for PromQL SLOs (events are rates there). */
  checks: number | null;
  objectives: SloObjective[];
  /** Share of the availability error budget left over the window, 1 = untouched, < 0 = overspent. */
  budgetRemaining: number | null;
  /** Burn rate over the whole window and the alerting windows. */
  burnRates: { window: string; rate: number | null }[];
  /** Multi-window burn-rate alerts currently firing. */
  alerts: { severity: 'critical' | 'warning'; long: string; short: string; factor: number }[];
}

const noArgs = z.object({}).strict().optional();

export const probeMethods = {
  'monitoring:targets': method<ProbesSnapshot>()(noArgs),
  'monitoring:history': method<HistorySeries>()(
    z
      .object({
        target: z.string().min(1).max(64),
        /** ms since epoch; default: 24 h ago. */
        from: z.number().int().nonnegative().optional(),
        to: z.number().int().nonnegative().optional(),
      })
      .strict(),
  ),
  'monitoring:slos': method<SloReport[]>()(noArgs),
} as const;

export interface ProbeEvents {
  'monitoring:targets-changed': ProbesSnapshot;
  /** The machine went on battery or back to mains (or the factor changed in config.yml). */
  'monitoring:power-changed': PowerView;
}
