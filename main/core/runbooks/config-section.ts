import { defineConfigSection, type ConfigSectionOutput } from '../config';
import { runbooksConfigSchema } from './config';

// Tells config/ what the runbook keys parse to (see Config in config/compose.ts).
declare module '../config/compose' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type -- declaration merging adds the members
  interface Config extends ConfigSectionOutput<typeof runbooksConfigSchema> {}
}

/** runbooks and ssh. */
export const runbooksConfigSection = defineConfigSection({
  shape: runbooksConfigSchema,
  summary: (c) => ({ runbookDirs: c.runbooks.dirs.length, sshHosts: c.ssh.hosts.length }),
});
