import { z } from 'zod';
import { parseMatcher, type Matcher } from '../../../preload/contract';
import { durationField } from '../config/fields';

/** `severity="critical"` in YAML, parsed into a matcher so a typo is reported with its line. */
const matcherField = z.string().transform((text, ctx): Matcher => {
  try {
    return parseMatcher(text);
  } catch (err) {
    ctx.addIssue({ code: 'custom', message: (err as Error).message });
    return z.NEVER;
  }
});

/**
 * A node of the route tree, with Alertmanager's own key names so a block copied from
 * alertmanager.yml works here. Unset timings are inherited from the parent route.
 */
export interface RouteConfig {
  matchers: Matcher[];
  group_by?: string[] | undefined;
  group_wait?: number | undefined;
  group_interval?: number | undefined;
  repeat_interval?: number | undefined;
  continue: boolean;
  /** Alerts routed here are shown but never notify (Alertmanager's "null" receiver). */
  mute: boolean;
  routes: RouteConfig[];
}

export const routeSchema: z.ZodType<RouteConfig, unknown> = z.lazy(() =>
  z
    .object({
      matchers: z.array(matcherField).default([]),
      group_by: z.array(z.string().min(1)).optional(),
      group_wait: durationField.optional(),
      group_interval: durationField.optional(),
      repeat_interval: durationField.optional(),
      continue: z.boolean().default(false),
      mute: z.boolean().default(false),
      routes: z.array(routeSchema).default([]),
    })
    .strict(),
);

export const inhibitRuleSchema = z
  .object({
    source_matchers: z.array(matcherField).min(1),
    target_matchers: z.array(matcherField).min(1),
    equal: z.array(z.string().min(1)).default([]),
  })
  .strict();
export type InhibitRule = z.output<typeof inhibitRuleSchema>;

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
    route: routeSchema.default({ matchers: [], continue: false, mute: false, routes: [] }),
    inhibit_rules: z.array(inhibitRuleSchema).default([]),
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
  .strict();

export type AlertingConfig = z.output<typeof alertingSchema>;

export const alertsConfigSchema = {
  alerting: alertingSchema.default(alertingSchema.parse({})),
};
