import { z } from 'zod';
import { defineConfigSection, type ConfigSectionOutput } from '../config';
import { durationField } from '../config/fields';

const hours = 3_600_000;

export const outboxSchema = z
  .object({
    /** A message nobody could deliver for this long becomes a dead letter and raises a local alert. */
    deadAfter: durationField.default(24 * hours),
    /** Retries wait a random time up to min(maxBackoff, initialBackoff × 2^(attempt−1)) ("full jitter"). */
    initialBackoff: durationField.default(1_000),
    maxBackoff: durationField.default(5 * 60_000),
    /** Integrations tried at the same time (each integration still gets one message at a time, in order). */
    concurrency: z.number().int().min(1).max(64).default(4),
    /** `.ExternalURL` of alert notifications: where a reader of the message goes to see the alerts. */
    externalURL: z.string().min(1).default('oncall://alerts'),
  })
  .strict();

export type OutboxConfig = z.output<typeof outboxSchema>;

export const channelsConfigSchema = {
  outbox: outboxSchema.default(outboxSchema.parse({})),
};

// Tells config/ what the outbox key parses to (see Config in config/compose.ts).
declare module '../config/compose' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type -- declaration merging adds the members
  interface Config extends ConfigSectionOutput<typeof channelsConfigSchema> {}
}

/** outbox. */
export const channelsConfigSection = defineConfigSection({ shape: channelsConfigSchema });
