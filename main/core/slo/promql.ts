import type { SloObjective, SloReport } from '../../../preload/contract';
import { QueryError, SourceUnavailableError } from '../prometheus/errors';
import type { Sample } from '../prometheus/types';
import { quantilePlaceholder, windowPlaceholder, type PromSloConfig } from './config';
import { burnPicture, burnWindows, label, objective } from './slo';

/** An instant query at `time` (ms): PrometheusClient.queryVector in the app, a fake in unit tests. */
export type QueryFn = (expr: string, time: number) => Promise<Sample[]>;

/** The PromQL for the error ratio (0..1) over one window, the way Sloth and Pyrra divide bad by total events. */
export function errorRatioQuery(spec: PromSloConfig, windowMs: number): string {
  const w = label(windowMs);
  if (spec.events) return `(${fill(spec.events.errors, w)}) / (${fill(spec.events.total, w)})`;
  return fill(spec.errorRatio ?? '', w);
}

export function latencyQuery(spec: PromSloConfig, q: number): string {
  return fill(spec.latency?.query ?? '', label(spec.window)).split(quantilePlaceholder).join(String(q));
}

function fill(text: string, window: string): string {
  return text.split(windowPlaceholder).join(window);
}

/**
 * One value from an SLI query. No series or NaN (0/0: no traffic in the window) is "no data";
 * several series mean the query was not aggregated, and picking one would be a guess.
 */
async function one(query: QueryFn, expr: string, now: number): Promise<number | null> {
  const samples = await query(expr, now);
  if (samples.length > 1) throw new QueryError('bad_data', `${expr} returns ${samples.length} series; aggregate it to one, e.g. with sum()`);
  const value = samples[0]?.value;
  return value === undefined || Number.isNaN(value) ? null : value;
}

/**
 * The SLO view of a PromQL SLO at `now`: availability, error rate and latency objectives, budget
 * left and burn rates over the SLO window and every burn-alert window, and the multi-window alerts
 * that fire. A Prometheus that cannot answer yields status "unavailable" with nothing measured,
 * never a healthy SLO.
 */
export async function computePromSlo(spec: PromSloConfig, server: string, query: QueryFn, now: number): Promise<SloReport> {
  const windows = burnWindows(spec.window);
  const budget = 1 - spec.objective / 100;
  const toMs = spec.latency?.unit === 'milliseconds' ? 1 : 1000;
  try {
    const [ratios, p50, p99] = await Promise.all([
      Promise.all(windows.map((ms) => one(query, errorRatioQuery(spec, ms), now))),
      spec.latency?.p50 === undefined ? null : one(query, latencyQuery(spec, 0.5), now),
      spec.latency?.p99 === undefined ? null : one(query, latencyQuery(spec, 0.99), now),
    ]);
    const ratioOver = new Map(windows.map((ms, i) => [ms, ratios[i] ?? null]));
    const ratio = ratioOver.get(spec.window) ?? null;
    const objectives: SloObjective[] = [objective('availability', spec.objective, ratio === null ? null : 100 * (1 - ratio))];
    if (spec.latency?.p50 !== undefined) objectives.push(objective('latency-p50', spec.latency.p50, p50 === null ? null : p50 * toMs));
    if (spec.latency?.p99 !== undefined) objectives.push(objective('latency-p99', spec.latency.p99, p99 === null ? null : p99 * toMs));
    if (spec.errorRate !== undefined) objectives.push(objective('error-rate', spec.errorRate, ratio === null ? null : 100 * ratio));
    const burn = burnPicture(spec.window, (ms) => {
      const r = ratioOver.get(ms) ?? null;
      return r === null ? null : r / budget;
    });
    return { ...base(spec, server), status: 'ok', statusReason: null, objectives, ...burn };
  } catch (err) {
    if (err instanceof SourceUnavailableError) return blind(spec, server, 'unavailable', err.message);
    if (err instanceof QueryError) return blind(spec, server, 'query-error', err.message);
    throw err;
  }
}

function base(spec: PromSloConfig, server: string): Pick<SloReport, 'service' | 'name' | 'targets' | 'windowMs' | 'source' | 'prometheus' | 'checks'> {
  return { service: spec.service, name: spec.name, targets: [], windowMs: spec.window, source: 'promql', prometheus: server, checks: null };
}

/** Nothing measured: every objective and rate is unknown, so nothing reads as met or as budget left. */
export function blind(spec: PromSloConfig, server: string, status: 'unavailable' | 'query-error', reason: string): SloReport {
  const objectives: SloObjective[] = [objective('availability', spec.objective, null)];
  if (spec.latency?.p50 !== undefined) objectives.push(objective('latency-p50', spec.latency.p50, null));
  if (spec.latency?.p99 !== undefined) objectives.push(objective('latency-p99', spec.latency.p99, null));
  if (spec.errorRate !== undefined) objectives.push(objective('error-rate', spec.errorRate, null));
  return { ...base(spec, server), status, statusReason: reason, objectives, ...burnPicture(spec.window, () => null) };
}
