import { defineConfigSection, type ConfigSectionOutput } from '../config';
import { alertsConfigSchema } from './config';

// Tells config/ what the alerting key parses to (see Config in config/compose.ts).
declare module '../config/compose' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type -- declaration merging adds the members
  interface Config extends ConfigSectionOutput<typeof alertsConfigSchema> {}
}

/** alerting. */
export const alertsConfigSection = defineConfigSection({ shape: alertsConfigSchema });
