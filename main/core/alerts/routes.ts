import { formatMatcher, matchesAll } from '../../../preload/contract';
import type { RouteConfig } from './config';

/** A route with every timing resolved (inherited from its parents, Alertmanager's defaults at the root). */
export interface Route {
  /** Stable id: the child indexes from the root, e.g. `0.2.1`. */
  id: string;
  matchers: RouteConfig['matchers'];
  /** null groups by every label (`...`); [] puts all alerts of the route in one group. */
  groupBy: string[] | null;
  groupWait: number;
  groupInterval: number;
  repeatInterval: number;
  continue: boolean;
  mute: boolean;
  routes: Route[];
  describe: string;
}

export const routeDefaults = { groupWait: 30_000, groupInterval: 5 * 60_000, repeatInterval: 4 * 3_600_000 };

export function compileRoute(config: RouteConfig, parent?: Route, id = '0'): Route {
  const groupBy = config.group_by ?? (parent ? (parent.groupBy ?? null) : ['alertname']);
  const route: Route = {
    id,
    matchers: config.matchers,
    groupBy: groupBy && groupBy.includes('...') ? null : groupBy,
    groupWait: config.group_wait ?? parent?.groupWait ?? routeDefaults.groupWait,
    groupInterval: config.group_interval ?? parent?.groupInterval ?? routeDefaults.groupInterval,
    repeatInterval: config.repeat_interval ?? parent?.repeatInterval ?? routeDefaults.repeatInterval,
    continue: config.continue,
    mute: config.mute || (parent?.mute ?? false),
    routes: [],
    describe: config.matchers.length ? `{${config.matchers.map(formatMatcher).join(', ')}}` : parent ? '{}' : 'root',
  };
  route.routes = config.routes.map((child, i) => compileRoute(child, route, `${id}.${i}`));
  return route;
}

/**
 * The routes an alert ends in, walking the tree like Alertmanager: the first matching child
 * takes the alert unless it has `continue: true`; a node no child takes keeps it itself.
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
