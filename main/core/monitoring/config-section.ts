import { defineConfigSection, type ConfigSectionOutput } from '../config';
import { checkSlos } from '../slo/config';
import { monitoringConfigSchema } from './config';

// Tells config/ what monitoring's keys parse to (see Config in config/compose.ts).
declare module '../config/compose' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type -- declaration merging adds the members
  interface Config extends ConfigSectionOutput<typeof monitoringConfigSchema> {}
}

/** targets, history, prometheus, alertmanagers, slos and rules. */
export const monitoringConfigSection = defineConfigSection({
  shape: monitoringConfigSchema,
  refine: checkSlos,
  summary: (c) => ({ targets: c.targets.length, prometheus: c.prometheus.length, alertmanagers: c.alertmanagers.length, ruleFiles: c.rules.files.length }),
});
