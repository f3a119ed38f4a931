import { defineConfigSection, type ConfigSectionOutput } from '../config';
import { teamConfigSchema } from './config';

// Tells config/ what the team key parses to (see Config in config/compose.ts).
declare module '../config/compose' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type -- declaration merging adds the members
  interface Config extends ConfigSectionOutput<typeof teamConfigSchema> {}
}

/** team. */
export const teamConfigSection = defineConfigSection({ shape: teamConfigSchema });
