import { z } from 'zod';
import { durationField } from '../config/fields';
import { checkBlocks, namesReceivers, settingsOf } from './am/check';
import { emptyRoute, inhibitRuleSchema, receiverSchema, routeSchema, timeIntervalsField } from './am/schema';

export type { InhibitRule, Receiver, RouteConfig } from './am/schema';

const clockTime = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'use HH:MM, e.g. 22:00');
const priority = z.enum(['P1', 'P2', 'P3', 'P4']);

export const escalationLevelSchema = z
  .object({
    level: z.number().int().min(2).max(9),
    after: durationField,
    name: z.string().min(1),
    phone: z.string().min(1).optional(),
    chat: z.string().min(1).optional(),
  })
  .strict();

const defaultLevels = [
  { level: 2, after: 30 * 60_000, name: 'On-call SRE' },
  { level: 3, after: 60 * 60_000, name: 'Lead engineer' },
];

export const alertingSchema = z
  .object({
    /**
     * The team's alertmanager.yml (relative to config.yml's folder, `~` allowed): its route,
     * inhibit_rules, receivers and time intervals are used unchanged. Or write those blocks here.
     */
    alertmanagerConfig: z.string().min(1).optional(),
    route: routeSchema.optional(),
    inhibit_rules: z.array(inhibitRuleSchema).nullable().optional(),
    receivers: z.array(receiverSchema).nullable().optional(),
    time_intervals: timeIntervalsField.optional(),
    mute_time_intervals: timeIntervalsField.optional(),
    /** "MonitoringDegraded" (the console itself is blind) inhibits every other alert. */
    builtinInhibitRules: z.boolean().default(true),
    quietHours: z
      .object({
        start: clockTime,
        end: clockTime,
        days: z.array(z.enum(['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'])).optional(),
        /** IANA zone such as Europe/Brussels; the machine's zone when unset. */
        timezone: z.string().min(1).optional(),
      })
      .strict()
      .optional(),
    escalation: z
      .object({
        enabled: z.boolean().default(true),
        priorities: z.array(priority).default(['P1', 'P2']),
        levels: z.array(escalationLevelSchema).default(defaultLevels),
      })
      .strict()
      .default({ enabled: true, priorities: ['P1', 'P2'], levels: defaultLevels }),
    sounds: z
      .object({
        critical: z.boolean().default(true),
        warning: z.boolean().default(false),
        info: z.boolean().default(false),
        /** A critical page rings again this often until it is acknowledged. */
        repeatEvery: durationField.default(30_000),
      })
      .strict()
      .default({ critical: true, warning: false, info: false, repeatEvery: 30_000 }),
    /** Open an incident automatically when an alert of these priorities starts firing. */
    autoIncident: z.object({ priorities: z.array(priority).default([]) }).strict().default({ priorities: [] }),
    /** How often Alertmanagers (see `alertmanagers:`) are read. */
    alertmanagerPoll: durationField.default(15_000),
    /** Warn this long before a silence ends. */
    silenceWarning: durationField.default(10 * 60_000),
  })
  .strict()
  .superRefine((a, ctx) => {
    const blocks = (['route', 'inhibit_rules', 'receivers', 'time_intervals', 'mute_time_intervals'] as const).filter((k) => a[k] !== undefined);
    if (a.alertmanagerConfig !== undefined) {
      // One source of truth: a block here beside the file would silently shadow the team's.
      for (const k of blocks) ctx.addIssue({ code: 'custom', message: `${k} comes from alertmanagerConfig; remove it here or drop alertmanagerConfig`, path: [k] });
      return;
    }
    checkBlocks(a, ctx, [], { requireRoute: false, checkReceivers: namesReceivers(a) });
  })
  .transform(({ route, inhibit_rules, receivers, time_intervals, mute_time_intervals, ...rest }) => ({
    ...rest,
    ...settingsOf({ route, inhibit_rules, receivers, time_intervals, mute_time_intervals }, emptyRoute),
  }));

export type AlertingConfig = z.output<typeof alertingSchema>;

export const alertsConfigSchema = {
  alerting: alertingSchema.default(alertingSchema.parse({})),
};
