import type { Db } from '../journal';
import type { HandoffReport } from '../../../preload/contract/rotation';
import { localDate } from './zoned';

export interface DraftWindow {
  from: number;
  to: number;
  outgoing: string;
  incoming: string | null;
  timeZone: string;
}

function hourIn(ms: number, timeZone: string): number {
  return Number(new Intl.DateTimeFormat('en-US', { timeZone, hour: 'numeric', hourCycle: 'h23' }).format(ms));
}

function median(values: number[]): number | null {
  if (!values.length) return null;
  const s = [...values].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

const dateText = (d: { year: number; month: number; day: number }) => `${String(d.year)}-${String(d.month).padStart(2, '0')}-${String(d.day).padStart(2, '0')}`;

/**
 * The handoff report for one shift, read straight from the journal: incidents, the notification
 * log (what paged), acknowledgements, silences, runbook runs and action items. Read-only.
 */
export function draftHandoff(db: Db, w: DraftWindow): HandoffReport {
  const { from, to, timeZone } = w;
  const nextEnd = to + (to - from);

  const openIncidents = (db.prepare(`SELECT id, title, severity, status, commander FROM incidents WHERE status NOT IN ('resolved', 'closed') ORDER BY severity, updated_at DESC`).all() as { id: string; title: string; severity: string; status: string; commander: string | null }[]).map((i) => {
    const decision = db.prepare(`SELECT text, at FROM timeline WHERE incident_id = ? AND kind = 'decision' ORDER BY seq DESC LIMIT 1`).get(i.id) as { text: string; at: number } | undefined;
    return { ...i, lastDecision: decision ?? null };
  });

  const pages = (db.prepare(`SELECT at, title, fingerprints FROM alert_notifications WHERE delivered = 1 AND kind = 'firing' AND at >= ? AND at < ? ORDER BY at`).all(from, to) as { at: number; title: string; fingerprints: string }[]).map((p) => ({ at: p.at, title: p.title, fingerprints: JSON.parse(p.fingerprints) as string[] }));
  const alertsAcknowledged = (db.prepare(`SELECT fingerprint, acknowledged_at AS at, acknowledged_by AS by FROM alert_marks WHERE acknowledged_at >= ? AND acknowledged_at < ? ORDER BY acknowledged_at`).all(from, to) as { fingerprint: string; at: number; by: string | null }[]);
  const noisiest = db
    .prepare(`SELECT MAX(title) AS title, COUNT(*) AS notifications FROM alert_notifications WHERE kind IN ('firing', 'reminder') AND at >= ? AND at < ? GROUP BY group_key ORDER BY notifications DESC, title LIMIT 5`)
    .all(from, to) as { title: string; notifications: number }[];
  const silencesExpiring = (db.prepare(`SELECT id, matchers, ends_at AS endsAt, comment FROM alert_silences WHERE ends_at >= ? AND ends_at < ? ORDER BY ends_at`).all(to, nextEnd) as { id: string; matchers: string; endsAt: number; comment: string }[]);
  const runbookRuns = db.prepare(`SELECT id, title, status, incident_id AS incidentId, started_at AS startedAt FROM runbook_runs WHERE started_at >= ? AND started_at < ? ORDER BY started_at`).all(from, to) as HandoffReport['runbookRuns'];
  const dueBy = dateText(localDate(nextEnd, timeZone));
  const actionItemsDue = db.prepare(`SELECT id, title, owner, due_date AS dueDate, incident_id AS incidentId FROM action_items WHERE done = 0 AND due_date IS NOT NULL AND due_date <= ? ORDER BY due_date, n`).all(dueBy) as HandoffReport['actionItemsDue'];

  // Fatigue: each paged alert's first page in the shift, and how long until it was acknowledged.
  const firstPage = new Map<string, number>();
  for (const p of pages) for (const fp of p.fingerprints) if (!firstPage.has(fp)) firstPage.set(fp, p.at);
  const ackAt = new Map(alertsAcknowledged.map((a) => [a.fingerprint, a.at]));
  const ackDelays = [...firstPage].flatMap(([fp, at]) => {
    const ack = ackAt.get(fp);
    return ack !== undefined && ack >= at ? [ack - at] : [];
  });
  const attached = db.prepare(`SELECT 1 FROM incident_alerts WHERE fingerprint = ? LIMIT 1`);
  const led = [...firstPage.keys()].filter((fp) => attached.get(fp) !== undefined).length;

  return {
    from,
    to,
    outgoing: w.outgoing,
    incoming: w.incoming,
    timeZone,
    openIncidents,
    alertsFired: pages,
    alertsAcknowledged,
    noisiest,
    silencesExpiring,
    runbookRuns,
    actionItemsDue,
    fatigue: {
      pages: pages.length,
      nightPages: pages.filter((p) => {
        const h = hourIn(p.at, timeZone);
        return h >= 22 || h < 8;
      }).length,
      medianAckMs: median(ackDelays),
      ledToIncident: firstPage.size ? led / firstPage.size : null,
    },
  };
}

