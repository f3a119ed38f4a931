import { z } from 'zod';
import { inhibitRuleSchema, receiverSchema, routeSchema, timeIntervalsField, type InhibitRule, type Receiver, type RouteConfig } from './schema';
import type { TimeInterval } from './time-intervals';

/** The blocks as read, before the cross-checks that need all of them together. */
export interface AmBlocks {
  route?: RouteConfig | undefined;
  inhibit_rules?: InhibitRule[] | null | undefined;
  receivers?: Receiver[] | null | undefined;
  time_intervals?: { name: string; time_intervals: TimeInterval[] }[] | null | undefined;
  mute_time_intervals?: { name: string; time_intervals: TimeInterval[] }[] | null | undefined;
}

/** What the console uses: the route tree, inhibit rules, receivers and named time intervals. */
export interface AmSettings {
  route: RouteConfig;
  inhibit_rules: InhibitRule[];
  receivers: Receiver[];
  /** By name (a plain object, so a changed interval shows in a JSON comparison of configs). */
  timeIntervals: Record<string, TimeInterval[]>;
  /**
   * What delivery needs from an alertmanager.yml besides its receivers, kept as written and read
   * by channels/: `global` (smtp_*, slack_api_url, http_config), the `templates` globs, and the
   * file's folder (templates and `*_file` paths are relative to it). Absent for config.yml's own blocks.
   */
  delivery?: { global: unknown; templates: unknown; baseDir: string };
}

type Path = (string | number)[];

function walk(route: RouteConfig, path: Path, visit: (r: RouteConfig, path: Path) => void): void {
  visit(route, path);
  route.routes.forEach((child, i) => walk(child, [...path, 'routes', i], visit));
}

/**
 * Config.UnmarshalYAML's checks across blocks. `receivers` decides whether receivers are checked:
 * a console-only route (no receivers anywhere) delivers to the desktop and names none.
 */
export function checkBlocks(b: AmBlocks, ctx: z.RefinementCtx, base: Path, options: { requireRoute: boolean; checkReceivers: boolean }): void {
  const issue = (path: Path, message: string) => ctx.addIssue({ code: 'custom', message, path: [...base, ...path] });
  if (!b.route) {
    if (options.requireRoute) issue([], 'no routes provided');
    return;
  }
  // zod runs this even when a block already failed, and a failed block is left as raw input:
  // its own issues are reported, and the cross-checks wait until it reads cleanly.
  if (!Array.isArray(b.route.matcherKeys)) return;
  const receivers = b.receivers ?? [];
  const names = new Set<string>();
  receivers.forEach((r, i) => {
    if (names.has(r.name)) issue(['receivers', i, 'name'], `notification config name "${r.name}" is not unique`);
    names.add(r.name);
  });
  const intervals = new Set<string>();
  for (const key of ['mute_time_intervals', 'time_intervals'] as const) {
    (b[key] ?? []).forEach((ti, i) => {
      if (intervals.has(ti.name)) issue([key, i, 'name'], `time interval "${ti.name}" is not unique`);
      intervals.add(ti.name);
    });
  }
  const root = b.route;
  if (options.checkReceivers && !root.receiver) issue(['route'], 'root route must specify a default receiver');
  if (root.matchers.length > 0) issue(['route', root.matcherKeys[0] ?? 'matchers'], 'root route must not have any matchers');
  if (root.mute_time_intervals.length > 0) issue(['route', 'mute_time_intervals'], 'root route must not have any mute time intervals');
  if (root.active_time_intervals.length > 0) issue(['route', 'active_time_intervals'], 'root route must not have any active time intervals');
  walk(root, ['route'], (r, path) => {
    if (options.checkReceivers && r.receiver && !names.has(r.receiver)) issue([...path, 'receiver'], `undefined receiver "${r.receiver}" used in route`);
    for (const key of ['mute_time_intervals', 'active_time_intervals'] as const) {
      r[key].forEach((name, i) => {
        if (!intervals.has(name)) issue([...path, key, i], `undefined time interval "${name}" used in route`);
      });
    }
  });
}

/** Whether a receiver is referenced or defined anywhere: then the blocks are Alertmanager's, checked in full. */
export function namesReceivers(b: AmBlocks): boolean {
  if (b.receivers) return true;
  let found = false;
  if (b.route) walk(b.route, [], (r) => (found ||= r.receiver !== undefined));
  return found;
}

export function settingsOf(b: AmBlocks, fallbackRoute: RouteConfig): AmSettings {
  const timeIntervals: Record<string, TimeInterval[]> = {};
  for (const ti of [...(b.mute_time_intervals ?? []), ...(b.time_intervals ?? [])]) timeIntervals[ti.name] = ti.time_intervals;
  return { route: b.route ?? fallbackRoute, inhibit_rules: b.inhibit_rules ?? [], receivers: b.receivers ?? [], timeIntervals };
}

/** A whole alertmanager.yml. `global` and `templates` belong to delivery and templating and are not read here. */
export const alertmanagerFileSchema = z
  .object({
    global: z.unknown().optional(),
    templates: z.unknown().optional(),
    route: routeSchema.optional(),
    inhibit_rules: z.array(inhibitRuleSchema).nullable().optional(),
    receivers: z.array(receiverSchema).nullable().optional(),
    time_intervals: timeIntervalsField.optional(),
    mute_time_intervals: timeIntervalsField.optional(),
  })
  .strict()
  .superRefine((b, ctx) => checkBlocks(b, ctx, [], { requireRoute: true, checkReceivers: true }));
