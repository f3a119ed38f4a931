import { z } from 'zod';
import { durationField, httpUrlField, nameField } from '../config/fields';
import { browserPlaceholdersIn, browserTargetIssues, withBrowserDefaults } from './browser/target-rules';
import { ConditionError, parseCondition } from './conditions';
import { secretPattern } from './secrets';

/** http(s)://… for HTTP probes, tcp://host:port for TCP connect probes. */
const probeUrlField = z.string().refine((text) => {
  try {
    const url = new URL(text);
    if (url.protocol === 'tcp:') return url.hostname !== '' && url.port !== '';
    return url.protocol === 'http:' || url.protocol === 'https:';
  } catch {
    return false;
  }
}, 'expected an http://, https:// or tcp://host:port URL');

/** 200, [200, 204] or a class such as "2xx". */
const expectStatusField = z.union([
  z.number().int().min(100).max(599),
  z.array(z.number().int().min(100).max(599)).min(1),
  z.string().regex(/^[1-5]xx$/, 'use a status class such as 2xx'),
]);

const conditionField = z.string().min(1).superRefine((text, ctx) => {
  try {
    parseCondition(text);
  } catch (err) {
    if (err instanceof ConditionError) ctx.addIssue({ code: 'custom', message: err.message });
    else throw err;
  }
});

// Header names that carry credentials: a literal value there would put a secret in config.yml.
const sensitiveHeader = /^(authorization|proxy-authorization|cookie|x-api-key|api-key)$|token|secret|password/i;

const headersField = z.record(z.string().regex(/^[A-Za-z0-9!#$%&'*+.^_`|~-]+$/, 'not a valid header name'), z.string()).superRefine((headers, ctx) => {
  for (const [name, value] of Object.entries(headers)) {
    if (sensitiveHeader.test(name) && !secretPattern.test(value)) {
      ctx.addIssue({ code: 'custom', path: [name], message: `"${name}" holds a secret: reference it as \${env:NAME} or keychain:NAME instead of writing it here` });
    }
  }
});

const thresholdsField = z
  .object({ warning: durationField.optional(), critical: durationField.optional() })
  .strict()
  .refine((t) => t.warning === undefined || t.critical === undefined || t.warning < t.critical, { message: 'warning must be below critical' });

/** Objectives from seed 000 §1.2 unless the target says otherwise. */
export const sloSchema = z
  .object({
    /** Percent of successful checks, e.g. 99.0. */
    availability: z.number().gt(0).lt(100).default(99.0),
    latencyP50: durationField.default(200),
    latencyP99: durationField.default(2000),
    /** Percent of checks that fail with a 5xx or no answer, e.g. 0.1. */
    errorRate: z.number().gt(0).lt(100).default(0.1),
    window: durationField.default(30 * 86_400_000),
  })
  .strict();

const targetObject = z
  .object({
    name: nameField,
    url: probeUrlField,
    /** Default: from the URL (http or tcp). `browser` loads the page in a real browser engine. */
    kind: z.enum(['http', 'tcp', 'browser']).optional(),
    /** Groups targets into one SLO; default: the target's own name. */
    service: nameField.optional(),
    method: z.enum(['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS']).default('GET'),
    headers: headersField.default({}),
    body: z.string().optional(),
    interval: durationField.default(30_000),
    timeout: durationField.default(5_000),
    expectStatus: expectStatusField.optional(),
    conditions: z.array(conditionField).default([]),
    latency: thresholdsField.optional(),
    /** Consecutive failures before "down" and successes before "up" again. */
    failureThreshold: z.number().int().min(1).max(100).default(2),
    successThreshold: z.number().int().min(1).max(100).default(1),
    certificateExpiry: z
      .object({ warning: durationField.default(14 * 86_400_000), critical: durationField.default(7 * 86_400_000) })
      .strict()
      .default({ warning: 14 * 86_400_000, critical: 7 * 86_400_000 }),
    /** Accept self-signed or otherwise untrusted certificates (expiry is still checked). */
    insecure: z.boolean().default(false),
    labels: z.record(z.string().regex(/^[a-zA-Z_][a-zA-Z0-9_]*$/, 'not a valid label name'), z.string()).default({}),
    runbook: httpUrlField.optional(),
    slo: sloSchema.optional(),
    /** Keeps its interval on battery power; other targets stretch by monitoring.onBattery.intervalFactor. */
    critical: z.boolean().default(false),
  })
  .strict()
  .refine((t) => t.timeout < t.interval, { message: 'timeout must be shorter than interval', path: ['timeout'] })
  .refine((t) => t.interval >= 1000, { message: 'interval must be at least 1s', path: ['interval'] })
  .superRefine((t, ctx) => {
    for (const issue of browserTargetIssues(t)) ctx.addIssue({ code: 'custom', ...issue });
    if (t.kind !== 'browser') {
      t.conditions.forEach((c, i) => {
        const words = browserPlaceholdersIn(c);
        if (words.length > 0) ctx.addIssue({ code: 'custom', path: ['conditions', i], message: `${words.join(', ')} only exist on targets with kind: browser` });
      });
    }
  });

export const targetSchema = z.preprocess(withBrowserDefaults, targetObject);

export type TargetConfig = z.output<typeof targetSchema>;
export type TargetInput = z.input<typeof targetObject>;
export type SloConfig = z.output<typeof sloSchema>;

/** How long probe history is kept at each resolution (the day rollup is the one users tune). */
export const historySchema = z
  .object({
    raw: durationField.default(86_400_000),
    minute: durationField.default(7 * 86_400_000),
    hour: durationField.default(90 * 86_400_000),
    day: durationField.default(365 * 86_400_000),
  })
  .strict()
  .refine((h) => h.raw <= h.minute && h.minute <= h.hour && h.hour <= h.day, { message: 'keep finer resolutions no longer than coarser ones (raw <= minute <= hour <= day)' });

export const defaultHistory = { raw: 86_400_000, minute: 7 * 86_400_000, hour: 90 * 86_400_000, day: 365 * 86_400_000 };
