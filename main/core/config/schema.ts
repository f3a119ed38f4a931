import { z } from 'zod';
import type { Document } from 'yaml';
import type { ConfigIssue } from '../../../preload/contract';
import { monitoringConfigSchema } from '../monitoring/config';
import { runbooksConfigSchema } from '../runbooks/config';
import { alertsConfigSchema } from '../alerts/config';
import { inlineNumbersAsWritten, resolveAlertmanagerConfig } from '../alerts/am/load';
import { checkSlos } from '../slo/config';

/**
 * config.yml. Each domain owns its sections (main/core/<domain>/config.ts); this file only joins them.
 * Unknown top-level keys are errors: a typo must not silently disable monitoring.
 */
export const configSchema = z
  .object({
    ...monitoringConfigSchema,
    ...runbooksConfigSchema,
    ...alertsConfigSchema,
  })
  .strict()
  .superRefine(checkSlos);

export type Config = z.output<typeof configSchema>;

export const emptyConfig: Config = configSchema.parse({});

/**
 * Steps that read files config.yml points at (after it validated); their issues name those files.
 * A failing one fails the whole load, so the last good config keeps running.
 */
export const configFileResolvers: ((config: Config, configFile: string) => { config: Config; issues: ConfigIssue[]; files: string[] })[] = [
  (config, file) => {
    const out = resolveAlertmanagerConfig(config.alerting, file);
    return { config: { ...config, alerting: out.alerting }, issues: out.issues, files: out.files };
  },
];

/** Adjustments to the YAML document before validation, per domain (Alertmanager's go-yaml reading of scalars). */
export const configDocumentPreparers: ((doc: Document) => void)[] = [inlineNumbersAsWritten];
