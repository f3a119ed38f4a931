import { z } from 'zod';
import type { Matcher } from '../../../../preload/contract';
import { compareMatchers, isLabelName, newMatcher, parseAmMatchers } from './matchers';
import { namedTimeIntervalSchema } from './time-intervals';

/**
 * The blocks of alertmanager.yml the console reads (`route`, `inhibit_rules`, `receivers`,
 * `time_intervals`, `mute_time_intervals`), with every key Alertmanager 0.25 accepts in them and its
 * rules for each value. Unknown keys are errors, as in Alertmanager (it reads the file strictly).
 */

/** go-yaml puts any scalar into a Go string field as written; `null` leaves the field unset. */
const goString = z.preprocess((v) => (v === null ? undefined : typeof v === 'number' || typeof v === 'boolean' ? String(v) : v), z.string().optional());
const goStringRequired = z.preprocess((v) => (typeof v === 'number' || typeof v === 'boolean' ? String(v) : v), z.string());

/** A duration as written and in ms: prometheus/common model.ParseDuration (units in order, each once). */
export interface Timing {
  text: string;
  ms: number;
}
const durationShape = /^(?:(\d+)y)?(?:(\d+)w)?(?:(\d+)d)?(?:(\d+)h)?(?:(\d+)m)?(?:(\d+)s)?(?:(\d+)ms)?$/;
const unitMs = [365 * 86_400_000, 7 * 86_400_000, 86_400_000, 3_600_000, 60_000, 1000, 1];
export function parseAmDuration(text: string): number {
  if (text === '0') return 0;
  const m = text === '' ? null : durationShape.exec(text);
  if (!m) throw new Error(`not a valid duration string: "${text}"`);
  return unitMs.reduce((sum, size, i) => sum + Number(m[i + 1] ?? 0) * size, 0);
}
const timing = goStringRequired.transform((text, ctx): Timing => {
  try {
    return { text, ms: parseAmDuration(text) };
  } catch (err) {
    ctx.addIssue({ code: 'custom', message: (err as Error).message });
    return z.NEVER;
  }
});

const labelName = z.string().superRefine((n, ctx) => {
  if (!isLabelName(n)) ctx.addIssue({ code: 'custom', message: `"${n}" is not a valid label name` });
});

/** `matchers:` items: each may hold several matchers (`a="1", b=~"2"` or `{a="1"}`). */
const matchersField = z.array(goStringRequired).transform((items, ctx) => {
  const out: Matcher[] = [];
  items.forEach((item, i) => {
    try {
      out.push(...parseAmMatchers(item));
    } catch (err) {
      ctx.addIssue({ code: 'custom', message: (err as Error).message, path: [i] });
    }
  });
  return out;
});

/** `match:` (equality; keys must be label names) or `match_re:` (regexes, anchored when read). */
function matchMap(op: '=' | '=~', checkNames: boolean) {
  return z.record(z.string(), goStringRequired).transform((map, ctx) => {
    const out: Matcher[] = [];
    for (const [name, value] of Object.entries(map)) {
      if (checkNames && !isLabelName(name)) {
        ctx.addIssue({ code: 'custom', message: `invalid label name "${name}"`, path: [name] });
        continue;
      }
      try {
        // config.Regexp keeps the anchored form, which is also what amtool prints.
        out.push(newMatcher(name, op, op === '=~' ? `^(?:${value})$` : value));
      } catch (err) {
        ctx.addIssue({ code: 'custom', message: (err as Error).message, path: [name] });
      }
    }
    return out;
  });
}

export interface RouteConfig {
  receiver?: string | undefined;
  /** match, match_re and matchers together, in Alertmanager's order (labels.Matchers sorted). */
  matchers: Matcher[];
  /** Which keys the matchers came from, so an error can point at them. */
  matcherKeys: ('match' | 'match_re' | 'matchers')[];
  /** As written; `['...']` groups by all labels. Unset inherits the parent's. */
  group_by?: string[] | undefined;
  group_wait?: Timing | undefined;
  group_interval?: Timing | undefined;
  repeat_interval?: Timing | undefined;
  continue: boolean;
  /** The console's own extension: alerts routed here are shown but never notify. */
  mute: boolean;
  mute_time_intervals: string[];
  active_time_intervals: string[];
  routes: RouteConfig[];
}

const nonZero = (what: string) => (t: Timing | undefined) => t === undefined || t.ms !== 0 || { message: `${what} cannot be zero` };

export const routeSchema: z.ZodType<RouteConfig, unknown> = z.lazy(() =>
  z
    .object({
      receiver: goString,
      match: matchMap('=', true).optional(),
      match_re: matchMap('=~', false).optional(),
      matchers: matchersField.optional(),
      group_by: z.array(goStringRequired).nullable().optional(),
      group_wait: timing.optional(),
      group_interval: timing.optional(),
      repeat_interval: timing.optional(),
      continue: z.boolean().default(false),
      mute: z.boolean().default(false),
      mute_time_intervals: z.array(goStringRequired).default([]),
      active_time_intervals: z.array(goStringRequired).default([]),
      routes: z.array(routeSchema).nullable().default([]),
    })
    .strict()
    .superRefine((r, ctx) => {
      const groupBy = r.group_by ?? [];
      groupBy.forEach((name, i) => {
        if (name !== '...' && !isLabelName(name)) ctx.addIssue({ code: 'custom', message: `invalid label name "${name}" in group_by list`, path: ['group_by', i] });
      });
      if (groupBy.includes('...') && groupBy.some((n) => n !== '...')) {
        ctx.addIssue({ code: 'custom', message: 'cannot have wildcard group_by (`...`) and other other labels at the same time', path: ['group_by'] });
      }
      const seen = new Set<string>();
      groupBy.forEach((name, i) => {
        if (name !== '...' && seen.has(name)) ctx.addIssue({ code: 'custom', message: `duplicated label "${name}" in group_by`, path: ['group_by', i] });
        seen.add(name);
      });
      for (const [key, value] of [['group_interval', r.group_interval], ['repeat_interval', r.repeat_interval]] as const) {
        const ok = nonZero(key)(value);
        if (ok !== true) ctx.addIssue({ code: 'custom', message: ok.message, path: [key] });
      }
    })
    .transform(
      (r): RouteConfig => ({
        receiver: r.receiver === '' ? undefined : r.receiver,
        matchers: [...(r.match ?? []), ...(r.match_re ?? []), ...(r.matchers ?? [])].sort(compareMatchers),
        matcherKeys: (['match', 'match_re', 'matchers'] as const).filter((k) => (r[k]?.length ?? 0) > 0),
        group_by: r.group_by ?? undefined,
        group_wait: r.group_wait,
        group_interval: r.group_interval,
        repeat_interval: r.repeat_interval,
        continue: r.continue,
        mute: r.mute,
        mute_time_intervals: r.mute_time_intervals,
        active_time_intervals: r.active_time_intervals,
        routes: r.routes ?? [],
      }),
    ),
);

export const emptyRoute: RouteConfig = { matchers: [], matcherKeys: [], continue: false, mute: false, mute_time_intervals: [], active_time_intervals: [], routes: [] };

export interface InhibitRule {
  source_matchers: Matcher[];
  target_matchers: Matcher[];
  equal: string[];
}

/** Both syntaxes: the old `source_match`/`_re` maps and the new `source_matchers` lists (they add up). */
export const inhibitRuleSchema = z
  .object({
    source_match: matchMap('=', true).optional(),
    source_match_re: matchMap('=~', false).optional(),
    source_matchers: matchersField.optional(),
    target_match: matchMap('=', true).optional(),
    target_match_re: matchMap('=~', false).optional(),
    target_matchers: matchersField.optional(),
    equal: z.array(labelName).nullable().default([]),
  })
  .strict()
  .transform(
    (r): InhibitRule => ({
      source_matchers: [...(r.source_match ?? []), ...(r.source_match_re ?? []), ...(r.source_matchers ?? [])],
      target_matchers: [...(r.target_match ?? []), ...(r.target_match_re ?? []), ...(r.target_matchers ?? [])],
      equal: r.equal ?? [],
    }),
  );

/** A receiver: its name and its integrations by kind (`email_configs`, `slack_configs`, …), kept as written. */
export interface Receiver {
  name: string;
  configs: Record<string, unknown[]>;
}

const configKind = /^[a-z0-9]+_configs$/;

export const receiverSchema = z
  .record(z.string(), z.unknown())
  .superRefine((r, ctx) => {
    const name = r.name;
    if (name === undefined || name === null || name === '') ctx.addIssue({ code: 'custom', message: 'missing name in receiver', path: [] });
    else if (typeof name !== 'string') ctx.addIssue({ code: 'custom', message: 'name must be a string', path: ['name'] });
    for (const [key, value] of Object.entries(r)) {
      if (key === 'name') continue;
      if (!configKind.test(key)) ctx.addIssue({ code: 'custom', message: `unknown key "${key}" in receiver (integrations are *_configs lists)`, path: [key] });
      else if (value !== null && !Array.isArray(value)) ctx.addIssue({ code: 'custom', message: `${key} must be a list`, path: [key] });
    }
  })
  .transform((r): Receiver => {
    const configs: Record<string, unknown[]> = {};
    for (const [key, value] of Object.entries(r)) if (key !== 'name' && Array.isArray(value)) configs[key] = value;
    return { name: String(r.name), configs };
  });

export const timeIntervalsField = z.array(namedTimeIntervalSchema).nullable();
