import type { IncidentCategory, IncidentSeverity, IncidentStats, IncidentStatus, Reminder } from '../../../preload/contract/incidents';
import type { Db } from './db';
import { durationText } from './format';
import { categoryList, severityList, statusList } from './model';

const day = 86_400_000;
const minute = 60_000;
/** Seed 002 §5: updates every 15-30 minutes on P1/P2. */
export const updateDueAfter = 15 * minute;
export const updateOverdueAfter = 30 * minute;
/** Seed 000 §7: a review after every incident longer than 15 minutes. */
export const reviewThreshold = 15 * minute;
/** Resolved incidents older than this no longer nag (imports of old incidents must not flood the list). */
const reminderHorizon = 60 * day;

/** Adds working days (Mon-Fri, UTC) to a time: the seed 002 postmortem deadline is "≤ 5 working days". */
export function addWorkingDays(at: number, days: number): number {
  let t = at;
  let left = days;
  while (left > 0) {
    t += day;
    const weekday = new Date(t).getUTCDay();
    if (weekday !== 0 && weekday !== 6) left--;
  }
  return t;
}

interface OpenRow {
  id: string;
  title: string;
  severity: string;
  last_entry_at: number;
}
interface ResolvedRow {
  id: string;
  title: string;
  severity: string;
  started_at: number;
  resolved_at: number;
  pm_updated: number | null;
}

export class Insights {
  private readonly openHighStmt;
  private readonly resolvedStmt;
  private readonly countsStmt;
  private readonly meansStmt;
  private readonly openedPerDayStmt;
  private readonly resolvedPerDayStmt;

  constructor(db: Db) {
    this.openHighStmt = db.prepare<[], OpenRow>(
      "SELECT id, title, severity, last_entry_at FROM incidents WHERE severity IN ('P1','P2') AND status IN ('triggered','acknowledged','investigating','mitigated')",
    );
    this.resolvedStmt = db.prepare<[number], ResolvedRow>(
      `SELECT i.id, i.title, i.severity, i.started_at, i.resolved_at, p.updated_at AS pm_updated
       FROM incidents i LEFT JOIN postmortems p ON p.incident_id = i.id WHERE i.resolved_at >= ?`,
    );
    this.countsStmt = db.prepare<[number, number], { severity: string; category: string; status: string; n: number }>(
      'SELECT severity, category, status, count(*) AS n FROM incidents WHERE started_at >= ? AND started_at <= ? GROUP BY severity, category, status',
    );
    this.meansStmt = db.prepare<[number, number], { mtta: number | null; mttr: number | null }>(
      'SELECT avg(acknowledged_at - started_at) AS mtta, avg(resolved_at - started_at) AS mttr FROM incidents WHERE started_at >= ? AND started_at <= ?',
    );
    this.openedPerDayStmt = db.prepare<[number, number], { d: number; n: number }>(
      `SELECT started_at / ${day} AS d, count(*) AS n FROM incidents WHERE started_at >= ? AND started_at <= ? GROUP BY d`,
    );
    this.resolvedPerDayStmt = db.prepare<[number, number], { d: number; n: number }>(
      `SELECT resolved_at / ${day} AS d, count(*) AS n FROM incidents WHERE resolved_at >= ? AND resolved_at <= ? GROUP BY d`,
    );
  }

  stats(now: number, from = now - 30 * day, to = now): IncidentStats {
    // The chart shows at most ~400 days; a wider range keeps its end and drops the oldest days.
    const start = Math.max(from, to - 400 * day);
    const bySeverity = Object.fromEntries(severityList.map((s) => [s, 0])) as Record<IncidentSeverity, number>;
    const byCategory = Object.fromEntries(categoryList.map((c) => [c, 0])) as Record<IncidentCategory, number>;
    const byStatus = Object.fromEntries(statusList.map((s) => [s, 0])) as Record<IncidentStatus, number>;
    let total = 0;
    for (const r of this.countsStmt.all(from, to)) {
      total += r.n;
      bySeverity[r.severity as IncidentSeverity] += r.n;
      byCategory[r.category as IncidentCategory] = (byCategory[r.category as IncidentCategory] ?? 0) + r.n;
      byStatus[r.status as IncidentStatus] += r.n;
    }
    const means = this.meansStmt.get(from, to);
    const opened = new Map(this.openedPerDayStmt.all(start, to).map((r) => [r.d, r.n]));
    const resolved = new Map(this.resolvedPerDayStmt.all(start, to).map((r) => [r.d, r.n]));
    const perDay: IncidentStats['perDay'] = [];
    for (let d = Math.floor(start / day); d <= Math.floor(to / day); d++) {
      perDay.push({ day: new Date(d * day).toISOString().slice(0, 10), opened: opened.get(d) ?? 0, resolved: resolved.get(d) ?? 0 });
    }
    const round = (v: number | null | undefined) => (v === null || v === undefined ? null : Math.round(v));
    return { from, to, total, bySeverity, byCategory, byStatus, mttaMs: round(means?.mtta), mttrMs: round(means?.mttr), perDay };
  }

  reminders(now: number): Reminder[] {
    const out: Reminder[] = [];
    for (const r of this.openHighStmt.all()) {
      const since = now - r.last_entry_at;
      if (since < updateDueAfter) continue;
      out.push({
        kind: 'update_due',
        incidentId: r.id,
        title: r.title,
        severity: r.severity as IncidentSeverity,
        dueAt: r.last_entry_at + updateDueAfter,
        overdue: since >= updateOverdueAfter,
        message: `No update for ${durationText(since)} on this ${r.severity}: post a status update (every 15-30 minutes for P1/P2).`,
      });
    }
    for (const r of this.resolvedStmt.all(now - reminderHorizon)) {
      if (r.pm_updated !== null) continue;
      const high = r.severity === 'P1' || r.severity === 'P2';
      if (high) {
        const dueAt = addWorkingDays(r.resolved_at, 5);
        out.push({ kind: 'postmortem_due', incidentId: r.id, title: r.title, severity: r.severity as IncidentSeverity, dueAt, overdue: now > dueAt, message: `Postmortem due within 5 working days of resolving this ${r.severity}.` });
      } else if (r.resolved_at - r.started_at > reviewThreshold) {
        const dueAt = r.resolved_at + 2 * day;
        out.push({ kind: 'review', incidentId: r.id, title: r.title, severity: r.severity as IncidentSeverity, dueAt, overdue: now > dueAt, message: `This incident lasted ${durationText(r.resolved_at - r.started_at)}: hold a post-incident review (within 24-48 h) and write down the lessons.` });
      }
    }
    return out.sort((a, b) => a.dueAt - b.dueAt);
  }
}
