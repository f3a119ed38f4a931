import { formatAmMatchers } from './matchers';
import { matchRoutes, type Route } from '../routes';

/**
 * What `amtool config routes` prints and what `amtool config routes test` answers, from the
 * console's own route tree, so both can be compared with amtool line for line.
 */

export interface MatchedRoute {
  receiver: string;
  path: string;
  group_by: string[];
  group_wait: string;
  group_interval: string;
  repeat_interval: string;
  group_wait_ms: number;
  group_interval_ms: number;
  repeat_interval_ms: number;
  mute_time_intervals: string[];
  active_time_intervals: string[];
}

export function routeTest(root: Route, labels: Record<string, string>): { receivers: string[]; routes: MatchedRoute[] } {
  const routes = matchRoutes(root, labels).map(
    (r): MatchedRoute => ({
      receiver: r.receiver,
      path: r.path,
      group_by: r.groupBy === null ? ['...'] : [...r.groupBy],
      group_wait: r.timingText.groupWait,
      group_interval: r.timingText.groupInterval,
      repeat_interval: r.timingText.repeatInterval,
      group_wait_ms: r.groupWait,
      group_interval_ms: r.groupInterval,
      repeat_interval_ms: r.repeatInterval,
      mute_time_intervals: [...r.muteTimeIntervals],
      active_time_intervals: [...r.activeTimeIntervals],
    }),
  );
  return { receivers: routes.map((r) => r.receiver), routes };
}

/** amtool's slug for a node: its matchers (or `default-route`), `continue`, the receiver. */
function slug(route: Route): string {
  let text = route.matchers.length === 0 ? 'default-route' : formatAmMatchers(route.matchers);
  if (route.continue) text += '  continue: true';
  return `${text}  receiver: ${route.receiver}`;
}

/** The routing tree as `amtool config routes` prints it (treeprint's box drawing under a `.` root). */
export function formatRouteTree(root: Route): string {
  const lines = ['Routing tree:', '.'];
  const draw = (route: Route, prefix: string, last: boolean) => {
    lines.push(`${prefix}${last ? '└── ' : '├── '}${slug(route)}`);
    // treeprint indents under an open branch with "│", two no-break spaces and a space.
    const inner = prefix + (last ? '    ' : '│\u00a0\u00a0 ');
    route.routes.forEach((child, i) => draw(child, inner, i === route.routes.length - 1));
  };
  draw(root, '', true);
  return `${lines.join('\n')}\n\n`;
}
