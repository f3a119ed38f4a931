import { z } from 'zod';
import { httpUrlField, nameField } from '../config/fields';
import { isTimeZone, parseLocalDate, parseTimeOfDay } from './zoned';

const timeZoneField = z.string().refine(isTimeZone, 'not a time zone this machine knows (use an IANA name such as Europe/Berlin)');
const dateField = z.string().refine((t) => parseLocalDate(t) !== null, 'use a date as YYYY-MM-DD');
const timeField = z.string().refine((t) => parseTimeOfDay(t) !== null, 'use a time of day as HH:MM (24 h)');
/** "2026-12-24 18:00" in the rotation's zone, or an ISO instant with offset. */
const localDateTimeField = z.string().refine((t) => /^\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}$/.test(t) || !Number.isNaN(Date.parse(t)), 'use "YYYY-MM-DD HH:MM" (in the rotation\'s time zone) or an ISO time with offset');
const priorityField = z.enum(['P1', 'P2', 'P3', 'P4']);

/** One layer of a rotation written in config.yml: members take turns, handing off daily or weekly. */
const layerSchema = z
  .object({
    name: nameField,
    members: z.array(z.string().min(1)).min(1),
    handoff: z.enum(['daily', 'weekly']).default('weekly'),
    /** Time of the handoff, in the rotation's zone. */
    at: timeField.default('08:00'),
    /** The date the first member's first shift begins; weekly shifts hand off on this weekday. */
    start: dateField,
  })
  .strict();

const overrideSchema = z
  .object({
    /** The layer taken over; default: the first layer. */
    layer: nameField.optional(),
    member: z.string().min(1),
    from: localDateTimeField,
    to: localDateTimeField,
  })
  .strict();

/** An iCalendar feed exported by the team's scheduler (PagerDuty, Opsgenie, Grafana OnCall, a shared calendar). */
const feedSchema = z
  .object({
    /** Shown as the layer name. */
    name: nameField,
    url: httpUrlField.optional(),
    file: z.string().min(1).optional(),
    /**
     * Which member an event names: its attendee (CN, else the e-mail's local part) or its summary.
     * `auto` takes the attendee when there is one.
     */
    memberFrom: z.enum(['auto', 'attendee', 'summary']).default('auto'),
    /** Re-read the feed this often (minutes); the last good copy is used while offline. */
    refreshMinutes: z.number().int().min(5).max(1440).default(15),
  })
  .strict()
  .refine((f) => (f.url === undefined) !== (f.file === undefined), { message: 'set exactly one of url or file' });

export const rotationSchema = z
  .object({
    timezone: timeZoneField.optional(),
    /** Who this console's user is in the rotation; default: the OS user name. */
    me: z.string().min(1).optional(),
    layers: z.array(layerSchema).default([]),
    overrides: z.array(overrideSchema).default([]),
    feeds: z.array(feedSchema).default([]),
    /** What a console whose user is off call still notifies on the desktop. */
    offCall: z.object({ notify: z.array(priorityField).default(['P1']) }).strict().default({ notify: ['P1'] }),
  })
  .strict()
  .superRefine((r, ctx) => {
    const names = new Set<string>();
    [...r.layers, ...r.feeds].forEach((l, i) => {
      const path = i < r.layers.length ? ['layers', i, 'name'] : ['feeds', i - r.layers.length, 'name'];
      if (names.has(l.name)) ctx.addIssue({ code: 'custom', path, message: `layer name "${l.name}" is used twice` });
      names.add(l.name);
    });
    r.overrides.forEach((o, i) => {
      if (o.layer !== undefined && !r.layers.some((l) => l.name === o.layer)) ctx.addIssue({ code: 'custom', path: ['overrides', i, 'layer'], message: `no layer named "${o.layer}" under rotation.layers` });
    });
  });

export type RotationConfig = z.output<typeof rotationSchema>;
export type RotationLayer = RotationConfig['layers'][number];
export type RotationFeed = RotationConfig['feeds'][number];

export const rotationConfigSchema = {
  /** Absent: no rotation, every console notifies as today. */
  rotation: rotationSchema.optional(),
};
