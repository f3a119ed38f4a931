import { z } from 'zod';
import { durationField, httpUrlField, nameField } from '../config/fields';
import { checkPromql } from '../rules/promql';

/** Where the range of a range vector goes: `rate(x[{{window}}])`. Replaced by 5m, 1h, 30d… per burn window. */
export const windowPlaceholder = '{{window}}';
/** Where the quantile goes in a latency query: `histogram_quantile({{quantile}}, …)`. */
export const quantilePlaceholder = '{{quantile}}';

const promqlField = (...placeholders: string[]) =>
  z
    .string()
    .min(1)
    .superRefine((text, ctx) => {
      for (const p of placeholders) {
        if (!text.includes(p)) ctx.addIssue({ code: 'custom', message: `must contain ${p} where ${p === windowPlaceholder ? 'the range goes, e.g. rate(http_requests_total[{{window}}])' : 'the quantile goes, e.g. histogram_quantile({{quantile}}, …)'}` });
      }
      // Check the query as it will be sent, so a typo shows when config.yml is saved, not later as a query error.
      const problem = checkPromql(text.replaceAll(windowPlaceholder, '5m').replaceAll(quantilePlaceholder, '0.99'));
      if (problem !== null) ctx.addIssue({ code: 'custom', message: `not valid PromQL: ${problem}` });
    });

/**
 * One PromQL-based SLO under `slos:` in config.yml. The SLI is the share of bad events, written
 * either as two queries (bad and total events, as Sloth's error/total queries or Pyrra's ratio
 * indicator) or as one query that already returns the error ratio (0..1).
 */
export const promSloSchema = z
  .object({
    service: nameField,
    /** Several SLOs per service are told apart by name (label `slo` on their alerts). */
    name: nameField.default('availability'),
    /** The `prometheus:` server (by name) to ask; default: the first one. */
    prometheus: nameField.optional(),
    /** Percent of good events, e.g. 99.9. */
    objective: z.number().gt(0).lt(100),
    window: durationField.default(30 * 86_400_000).refine((ms) => ms >= 3_600_000 && ms % 1000 === 0, 'use a window of at least 1h in whole seconds'),
    events: z.object({ errors: promqlField(windowPlaceholder), total: promqlField(windowPlaceholder) }).strict().optional(),
    errorRatio: promqlField(windowPlaceholder).optional(),
    /** Latency objectives from a quantile query (histogram_quantile over a histogram, usually). */
    latency: z
      .object({
        query: promqlField(windowPlaceholder, quantilePlaceholder),
        /** What the query returns: Prometheus histograms are in seconds by convention. */
        unit: z.enum(['seconds', 'milliseconds']).default('seconds'),
        p50: durationField.optional(),
        p99: durationField.optional(),
      })
      .strict()
      .refine((l) => l.p50 !== undefined || l.p99 !== undefined, { message: 'set p50, p99 or both' })
      .optional(),
    /** Percent of events that may fail, judged on the same error ratio (e.g. 0.1). */
    errorRate: z.number().gt(0).lt(100).optional(),
    /** Publish multi-window burn-rate alerts. */
    alerting: z.boolean().default(true),
    runbook: httpUrlField.optional(),
  })
  .strict()
  .superRefine((s, ctx) => {
    if ((s.events === undefined) === (s.errorRatio === undefined)) ctx.addIssue({ code: 'custom', path: ['events'], message: 'set exactly one of events (errors and total) or errorRatio' });
  });

export type PromSloConfig = z.output<typeof promSloSchema>;

/**
 * Checks that reach across sections: every SLO names a configured Prometheus, and no two SLOs
 * share service and name (their alerts would overwrite each other).
 */
export function checkSlos(config: { slos: PromSloConfig[]; prometheus: { name: string }[] }, ctx: z.RefinementCtx): void {
  const seen = new Set<string>();
  config.slos.forEach((s, i) => {
    if (s.prometheus !== undefined && !config.prometheus.some((p) => p.name === s.prometheus)) {
      ctx.addIssue({ code: 'custom', path: ['slos', i, 'prometheus'], message: `no Prometheus named "${s.prometheus}" under prometheus:` });
    } else if (s.prometheus === undefined && config.prometheus.length === 0) {
      ctx.addIssue({ code: 'custom', path: ['slos', i, 'service'], message: 'PromQL SLOs need a server under prometheus:' });
    }
    const key = `${s.service}/${s.name}`;
    if (seen.has(key)) ctx.addIssue({ code: 'custom', path: ['slos', i, 'name'], message: `another SLO of service "${s.service}" is already called "${s.name}"` });
    seen.add(key);
  });
}
