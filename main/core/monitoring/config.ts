import { z } from 'zod';
import { historySchema, defaultHistory, targetSchema } from '../probes/config';
import { durationField, httpUrlField, nameField } from '../config/fields';
import { promSloSchema } from '../slo/config';
import { browserConfigSchema, defaultBrowserConfig } from '../probes/browser/config';

export { targetSchema } from '../probes/config';

/** Secrets are never written in config.yml: name an environment variable or a file that holds them. */
const secretRefSchema = z
  .object({ env: z.string().min(1).optional(), file: z.string().min(1).optional() })
  .strict()
  .refine((s) => (s.env === undefined) !== (s.file === undefined), { message: 'set exactly one of env or file' });

export const prometheusServerSchema = z
  .object({
    name: nameField,
    url: httpUrlField,
    basicAuth: z.object({ username: z.string().min(1), password: secretRefSchema }).strict().optional(),
    bearerToken: secretRefSchema.optional(),
    tls: z
      .object({
        caFile: z.string().min(1).optional(),
        certFile: z.string().min(1).optional(),
        keyFile: z.string().min(1).optional(),
        serverName: z.string().min(1).optional(),
        insecureSkipVerify: z.boolean().default(false),
      })
      .strict()
      .optional(),
    timeout: durationField.default(10_000),
    /**
     * $externalLabels and $externalURL of rule templates. Default: what the server itself says
     * (global.external_labels from /api/v1/status/config, --web.external-url from
     * /api/v1/status/flags); set here, each replaces the server's.
     */
    externalLabels: z.record(z.string(), z.string()).optional(),
    externalURL: httpUrlField.optional(),
    /** Read this server's own alerts (GET /api/v1/alerts) into the alert list. */
    readAlerts: z.boolean().default(true),
  })
  .strict();
export const alertmanagerSchema = z.object({ name: nameField, url: httpUrlField }).strict();

/** How polling adapts to the laptop: on battery, targets not marked `critical` are checked less often. */
export const pollingSchema = z
  .object({
    onBattery: z
      .object({ intervalFactor: z.number().min(1).max(10).default(2) })
      .strict()
      .default({ intervalFactor: 2 }),
  })
  .strict();

export const monitoringConfigSchema = {
  /** `monitoring.onBattery.intervalFactor` (default 2; 1 turns stretching off). */
  monitoring: pollingSchema.default({ onBattery: { intervalFactor: 2 } }),
  targets: z.array(targetSchema).default([]),
  /** The browser `kind: browser` targets load pages in, and their evidence's retention. */
  browser: browserConfigSchema.default(defaultBrowserConfig),
  /** Probe history retention per resolution. */
  history: historySchema.default(defaultHistory),
  prometheus: z.array(prometheusServerSchema).default([]),
  alertmanagers: z.array(alertmanagerSchema).default([]),
  /** SLOs computed with PromQL against a `prometheus:` server (probe SLOs sit on their targets). */
  slos: z.array(promSloSchema).default([]),
  rules: z
    .object({
      files: z.array(z.string().min(1)).default([]),
      /** The Prometheus server (by name) rule files are evaluated against; default: the first one. */
      prometheus: nameField.optional(),
      /** Evaluation interval for groups without their own `interval` (Prometheus's default is 1m). */
      interval: durationField.default(60_000),
      /** Evaluate the built-in pack (resources/rules/oncall-builtin.yml) as well. */
      builtin: z.boolean().default(true),
      /** Queries in flight per server; capped at 20, Prometheus's default --query.max-concurrency. */
      maxConcurrency: z.number().int().min(1).max(20).default(10),
    })
    .strict()
    .default({ files: [], interval: 60_000, builtin: true, maxConcurrency: 10 }),
};
