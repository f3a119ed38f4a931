import { defineConfigSection, type ConfigSectionOutput } from '../config';
import { rotationConfigSchema } from './config';

// Tells config/ what the rotation key parses to (see Config in config/compose.ts).
declare module '../config/compose' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type -- declaration merging adds the members
  interface Config extends ConfigSectionOutput<typeof rotationConfigSchema> {}
}

/** rotation. */
export const rotationConfigSection = defineConfigSection({ shape: rotationConfigSchema });
