import { matchesAll } from '../../../preload/contract';
import { formatAmMatchers } from './am/matchers';
import type { TimeInterval } from './am/time-intervals';
import type { RouteConfig } from './config';

/**
 * A route with everything resolved as Alertmanager's dispatch.NewRoute does: receiver, group_by and
 * timings inherited from the parent when unset, Alertmanager's defaults at the root.
 */
export interface Route {
  /** Stable id: the child indexes from the root, e.g. `0.2.1`. */
  id: string;
  /** Where the node is written: `route`, `route.routes[0].routes[1]`. */
  path: string;
  /** The receiver notifications go to ('' for a console-only route that names none: the desktop). */
  receiver: string;
  matchers: RouteConfig['matchers'];
  /** null groups by every label (`...`); [] puts all alerts of the route in one group. */
  groupBy: string[] | null;
  groupWait: number;
  groupInterval: number;
  repeatInterval: number;
  /** The timings as written where they were set (or Alertmanager's defaults), for display. */
  timingText: { groupWait: string; groupInterval: string; repeatInterval: string };
  continue: boolean;
  mute: boolean;
  /** Names of time intervals; not inherited, and they never change routing. */
  muteTimeIntervals: string[];
  activeTimeIntervals: string[];
  routes: Route[];
  describe: string;
  /** Every named time interval of the config (shared by all nodes), for muteTimeIntervals/activeTimeIntervals. */
  intervals: ReadonlyMap<string, readonly TimeInterval[]>;
}

export const routeDefaults = { groupWait: 30_000, groupInterval: 5 * 60_000, repeatInterval: 4 * 3_600_000 };
const defaultText = { groupWait: '30s', groupInterval: '5m', repeatInterval: '4h' };

/** The tree of a config: its root route and the named time intervals its nodes refer to. */
export function compileRouteTree(config: { route: RouteConfig; timeIntervals: Readonly<Record<string, readonly TimeInterval[]>> }): Route {
  return compileRoute(config.route, undefined, '0', 'route', new Map(Object.entries(config.timeIntervals)));
}

export function compileRoute(config: RouteConfig, parent?: Route, id = '0', path = 'route', intervals: ReadonlyMap<string, readonly TimeInterval[]> = parent?.intervals ?? new Map()): Route {
  const groupBy = config.group_by ? (config.group_by.includes('...') ? null : [...config.group_by]) : parent ? parent.groupBy : [];
  const pick = (own: RouteConfig['group_wait'], key: keyof typeof routeDefaults) =>
    own ? { ms: own.ms, text: own.text } : parent ? { ms: parent[key], text: parent.timingText[key] } : { ms: routeDefaults[key], text: defaultText[key] };
  const wait = pick(config.group_wait, 'groupWait');
  const interval = pick(config.group_interval, 'groupInterval');
  const repeat = pick(config.repeat_interval, 'repeatInterval');
  const route: Route = {
    id,
    path,
    receiver: config.receiver ?? parent?.receiver ?? '',
    matchers: config.matchers,
    groupBy,
    groupWait: wait.ms,
    groupInterval: interval.ms,
    repeatInterval: repeat.ms,
    timingText: { groupWait: wait.text, groupInterval: interval.text, repeatInterval: repeat.text },
    continue: config.continue,
    mute: config.mute || (parent?.mute ?? false),
    muteTimeIntervals: config.mute_time_intervals,
    activeTimeIntervals: config.active_time_intervals,
    routes: [],
    describe: config.matchers.length ? formatAmMatchers(config.matchers) : parent ? '{}' : 'root',
    intervals,
  };
  route.routes = config.routes.map((child, i) => compileRoute(child, route, `${id}.${i}`, `${path}.routes[${i}]`, intervals));
  return route;
}

/**
 * The routes an alert ends in, walking the tree like Alertmanager's Route.Match: the first matching
 * child takes the alert unless it has `continue: true`; a node no child takes keeps it itself.
 */
export function matchRoutes(route: Route, labels: Record<string, string>, out: Route[] = []): Route[] {
  if (!matchesAll(route.matchers, labels)) return out;
  const before = out.length;
  for (const child of route.routes) {
    const took = out.length;
    matchRoutes(child, labels, out);
    if (out.length > took && !child.continue) break;
  }
  if (out.length === before) out.push(route);
  return out;
}

/** The group an alert joins in a route: the route id plus the values of its group_by labels. */
export function groupLabels(route: Route, labels: Record<string, string>): Record<string, string> {
  if (route.groupBy === null) return { ...labels };
  const picked: Record<string, string> = {};
  for (const name of route.groupBy) {
    const value = labels[name];
    if (value !== undefined) picked[name] = value;
  }
  return picked;
}

export function groupKey(route: Route, picked: Record<string, string>): string {
  const parts = Object.keys(picked)
    .sort()
    .map((k) => `${k}=${JSON.stringify(picked[k])}`);
  return `${route.id}:{${parts.join(',')}}`;
}
