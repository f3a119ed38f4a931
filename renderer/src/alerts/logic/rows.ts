// The grouped alert list as flat rows (group headers and alerts) so one windowed list and one keyboard
// cursor cover it, whatever the number of groups. Groups come from the core (the config's route tree).
import type { AlertGroupView, AlertsList, AlertState, AlertView, Priority } from '../../../../preload/contract';
import { isEmptyFilter, matchesFilter, type AlertFilter } from './filter';

export interface GroupRow {
  kind: 'group';
  key: string;
  labels: Record<string, string>;
  routePath: string;
  /** Alerts of the group that pass the filter. */
  shown: number;
  firing: number;
  worst: Priority;
  collapsed: boolean;
}

export interface AlertRow {
  kind: 'alert';
  key: string;
  groupKey: string;
  alert: AlertView;
}

export type ListRow = GroupRow | AlertRow;

const stateRank: Record<AlertState, number> = { firing: 0, pending: 1, resolved: 2 };
const priorityRank = (p: Priority) => Number(p.slice(1));

/** Firing before pending before resolved, then the most urgent, then the longest-running. */
export function compareAlerts(a: AlertView, b: AlertView): number {
  return (
    stateRank[a.state] - stateRank[b.state] ||
    priorityRank(a.priority) - priorityRank(b.priority) ||
    (a.activeAt ?? Infinity) - (b.activeAt ?? Infinity) ||
    (a.fingerprint < b.fingerprint ? -1 : a.fingerprint > b.fingerprint ? 1 : 0)
  );
}

export function groupTitle(labels: Record<string, string>): string {
  const parts = Object.keys(labels)
    .sort()
    .map((k) => `${k}="${labels[k]}"`);
  return parts.length ? parts.join(', ') : 'all alerts';
}

/**
 * Headers for every group with a visible alert; alert rows only under groups that are not collapsed.
 * Runs on every list refresh (10,000 alerts, about once a second under load), so alerts are bucketed by
 * the group keys they carry instead of looking each group's fingerprints up in a map.
 */
export function buildRows(list: Pick<AlertsList, 'alerts' | 'groups'>, filter: AlertFilter, collapsed: ReadonlySet<string>): { rows: ListRow[]; shown: number } {
  const everything = isEmptyFilter(filter);
  const buckets = new Map<string, AlertView[]>();
  let shown = 0;
  for (const a of list.alerts) {
    if (!everything && !matchesFilter(a, filter)) continue;
    shown++;
    // An alert no route took (root matchers that exclude it) still has to be visible somewhere.
    const keys = a.groups.length ? a.groups : ['ungrouped'];
    for (const key of keys) {
      let bucket = buckets.get(key);
      if (!bucket) buckets.set(key, (bucket = []));
      bucket.push(a);
    }
  }
  const known = new Map(list.groups.map((g) => [g.key, g]));
  const groups: { group: Pick<AlertGroupView, 'key' | 'labels' | 'routePath'>; title: string; alerts: AlertView[]; worst: Priority; firing: number }[] = [];
  for (const [key, alerts] of buckets) {
    const group = known.get(key) ?? { key, labels: {}, routePath: 'no route' };
    let worst: Priority = 'P4';
    let firing = 0;
    for (const a of alerts) {
      if (a.state === 'firing') firing++;
      if (priorityRank(a.priority) < priorityRank(worst)) worst = a.priority;
    }
    groups.push({ group, title: groupTitle(group.labels), alerts: alerts.sort(compareAlerts), worst, firing });
  }

  groups.sort((a, b) => (b.firing > 0 ? 1 : 0) - (a.firing > 0 ? 1 : 0) || priorityRank(a.worst) - priorityRank(b.worst) || b.firing - a.firing || (a.title < b.title ? -1 : a.title > b.title ? 1 : 0));
  const rows: ListRow[] = [];
  for (const { group, alerts, worst, firing } of groups) {
    const isCollapsed = collapsed.has(group.key);
    rows.push({ kind: 'group', key: group.key, labels: group.labels, routePath: group.routePath, shown: alerts.length, firing, worst, collapsed: isCollapsed });
    if (!isCollapsed) for (const alert of alerts) rows.push({ kind: 'alert', key: `${group.key}|${alert.fingerprint}`, groupKey: group.key, alert });
  }
  return { rows, shown };
}

/** Where the cursor lands after the rows changed: the same row if still there, else the same place. */
export function keepCursor(rows: readonly ListRow[], previousKey: string | null, previousIndex: number): number {
  if (rows.length === 0) return -1;
  if (previousKey !== null) {
    const i = rows.findIndex((r) => r.key === previousKey);
    if (i >= 0) return i;
  }
  return Math.max(0, Math.min(rows.length - 1, previousIndex));
}
