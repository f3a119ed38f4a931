import type { AlertView, Priority } from '../../../preload/contract';
import { priorityRank } from './priority';

const priorities: Priority[] = ['P1', 'P2', 'P3', 'P4'];

function counted(v: AlertView): boolean {
  return v.state === 'firing' && !v.silenced && !v.inhibited && v.snoozedUntil === null;
}

/** More urgent: higher priority, then older. */
function before(a: AlertView, b: AlertView): boolean {
  const d = priorityRank(a.priority) - priorityRank(b.priority);
  return d !== 0 ? d < 0 : (a.firedAt ?? 0) < (b.firedAt ?? 0);
}

/** Keeps the five most urgent without sorting 10,000 alerts. */
function insertTop(top: AlertView[], v: AlertView): void {
  if (top.length === 5 && !before(v, top[4]!)) return;
  let i = top.length;
  while (i > 0 && before(v, top[i - 1]!)) i--;
  top.splice(i, 0, v);
  if (top.length > 5) top.pop();
}

/**
 * What the tray shows, counted per change rather than by walking every alert: firing alerts that
 * are not muted, of which unacknowledged, per priority, and the five most urgent. The top five is
 * only rebuilt (from the counted alerts, not all of them) when one of its members changes rank
 * or stops counting.
 */
export class TrayTally {
  private count = 0;
  private unacknowledged = 0;
  private blind = 0;
  private pager = 0;
  private readonly perPriority = [0, 0, 0, 0];
  private readonly counting = new Set<AlertView>();
  private topList: AlertView[] | null = [];

  replace(old: AlertView | undefined, next: AlertView | undefined): void {
    if (old) this.add(old, -1);
    if (next) this.add(next, 1);
    const top = this.topList;
    if (!top) return;
    const at = old ? top.indexOf(old) : -1;
    if (at >= 0) {
      // A value update keeps its place; anything that moves it in the ranking rebuilds the top five.
      if (next && counted(next) && next.priority === old!.priority && next.firedAt === old!.firedAt) top[at] = next;
      else this.topList = null;
    } else if (next && counted(next)) {
      insertTop(top, next);
    }
  }

  totals(): { count: number; unacknowledged: number; worst: Priority | null; blind: boolean; pager: boolean } {
    const worst = priorities.find((_, i) => this.perPriority[i]! > 0) ?? null;
    return { count: this.count, unacknowledged: this.unacknowledged, worst, blind: this.blind > 0, pager: this.pager > 0 };
  }

  top(): readonly AlertView[] {
    if (!this.topList) {
      const top: AlertView[] = [];
      for (const v of this.counting) insertTop(top, v);
      this.topList = top;
    }
    return this.topList;
  }

  private add(v: AlertView, sign: 1 | -1): void {
    if (v.state !== 'firing') return;
    if (v.labels.alertname === 'MonitoringDegraded') this.blind += sign;
    if (!counted(v)) return;
    this.count += sign;
    this.perPriority[priorityRank(v.priority)]! += sign;
    if (!v.acknowledged) this.unacknowledged += sign;
    if (v.priority === 'P1' && !v.acknowledged) this.pager += sign;
    if (sign > 0) this.counting.add(v);
    else this.counting.delete(v);
  }
}
