// The Alerts screen's list, built in the core: group headers and the alerts of unfolded groups, filtered,
// sorted, and cut into the window the screen shows. The screen used to receive every decorated alert
// (~7 MB of JSON for 10,000) and group them itself on each refresh; now it receives a few dozen rows.
import { isEmptyFilter, matchesFilter, parseFilter, type AlertFilter } from '../../../preload/contract/alert-filter';
import { groupTitle, type AlertGroupView, type AlertRow, type AlertRowsPage, type AlertsList, type AlertState, type AlertView, type ParsedInput, type Priority } from '../../../preload/contract';

interface GroupBuild {
  row: Omit<Extract<AlertRow, { kind: 'group' }>, 'unacknowledged'>;
  alerts: AlertView[];
}

/** A built list: alert rows carry their view; group rows get their unacknowledged list when cut out. */
type BuiltRow = { kind: 'group'; build: GroupBuild; key: string } | Extract<AlertRow, { kind: 'alert' }>;

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

/**
 * Headers for every group with an alert that passes the filter (groups with firing alerts first, then
 * the worst priority, then the most firing, then by title); alert rows only under unfolded groups.
 * Alerts are bucketed by the group keys they carry instead of looking each group's members up.
 */
function build(list: Pick<AlertsList, 'alerts' | 'groups'>, filter: AlertFilter, collapsed: ReadonlySet<string>): { rows: BuiltRow[]; shown: number } {
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
  const known = new Map<string, AlertGroupView>(list.groups.map((g) => [g.key, g]));
  const groups: (GroupBuild & { title: string })[] = [];
  for (const [key, alerts] of buckets) {
    const group = known.get(key) ?? { key, labels: {}, routePath: 'no route' };
    let worst: Priority = 'P4';
    let firing = 0;
    for (const a of alerts) {
      if (a.state === 'firing') firing++;
      if (priorityRank(a.priority) < priorityRank(worst)) worst = a.priority;
    }
    const row = { kind: 'group' as const, key, labels: group.labels, routePath: group.routePath, shown: alerts.length, firing, worst, collapsed: collapsed.has(key) };
    groups.push({ row, alerts: alerts.sort(compareAlerts), title: groupTitle(group.labels) });
  }
  groups.sort(
    (a, b) =>
      (b.row.firing > 0 ? 1 : 0) - (a.row.firing > 0 ? 1 : 0) ||
      priorityRank(a.row.worst) - priorityRank(b.row.worst) ||
      b.row.firing - a.row.firing ||
      (a.title < b.title ? -1 : a.title > b.title ? 1 : 0),
  );
  const rows: BuiltRow[] = [];
  for (const g of groups) {
    rows.push({ kind: 'group', build: g, key: g.row.key });
    if (!g.row.collapsed) for (const alert of g.alerts) rows.push({ kind: 'alert', key: `${g.row.key}|${alert.fingerprint}`, groupKey: g.row.key, alert });
  }
  return { rows, shown };
}

function toRow(r: BuiltRow): AlertRow {
  if (r.kind === 'alert') return r;
  const unacknowledged = r.build.alerts.filter((a) => a.state === 'firing' && !a.acknowledged).map((a) => a.fingerprint);
  return { ...r.build.row, unacknowledged };
}

/** Every row of the list at once (tests, and callers that want the whole picture). */
export function buildRows(list: Pick<AlertsList, 'alerts' | 'groups'>, filter: AlertFilter, collapsed: ReadonlySet<string>): { rows: AlertRow[]; shown: number } {
  const { rows, shown } = build(list, filter, collapsed);
  return { rows: rows.map(toRow), shown };
}

/**
 * Answers `alerts:rows`. The last built list is kept for its revision, filter and folds, so scrolling
 * and cursor moves between two changes only slice it.
 */
export class AlertRowPages {
  private last: { key: string; rows: BuiltRow[]; shown: number } | null = null;

  page(list: AlertsList, input: ParsedInput<'alerts:rows'>): AlertRowsPage {
    const base = { revision: list.version, total: list.alerts.length, tray: list.tray, sourceErrors: list.sourceErrors };
    const collapsed = [...new Set(input.collapsed)].sort();
    const key = `${list.version}\u0000${input.filter}\u0000${collapsed.join('\u0000')}`;
    if (this.last?.key !== key) this.last = { key, ...build(list, parseFilter(input.filter), new Set(collapsed)) };
    const { rows, shown } = this.last;
    const cursorIndex = input.cursor === undefined ? -1 : rows.findIndex((r) => r.key === input.cursor);
    const offset = Math.min(input.offset, rows.length);
    if (input.since === list.version) return { ...base, unchanged: true, shown, count: rows.length, offset, rows: [], cursorIndex };
    return { ...base, unchanged: false, shown, count: rows.length, offset, rows: rows.slice(offset, offset + input.limit).map(toRow), cursorIndex };
  }
}
