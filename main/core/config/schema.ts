import { z } from 'zod';
import { monitoringConfigSchema } from '../monitoring/config';
import { runbooksConfigSchema } from '../runbooks/config';
import { alertsConfigSchema } from '../alerts/config';
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
