import { defineConfigSection, type ConfigSectionOutput } from '../config';
import { inlineNumbersAsWritten, resolveAlertmanagerConfig } from './am/load';
import { alertsConfigSchema } from './config';

// Tells config/ what the alerting key parses to (see Config in config/compose.ts).
declare module '../config/compose' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type -- declaration merging adds the members
  interface Config extends ConfigSectionOutput<typeof alertsConfigSchema> {}
}

/** alerting. */
export const alertsConfigSection = defineConfigSection({
  shape: alertsConfigSchema,
  // `alerting.alertmanagerConfig`: the team's alertmanager.yml, read once config.yml is valid.
  resolveFiles: (config, file) => {
    const out = resolveAlertmanagerConfig(config.alerting, file);
    return { config: { ...config, alerting: out.alerting }, issues: out.issues, files: out.files };
  },
  prepareDocument: inlineNumbersAsWritten,
});
