import type Database from 'better-sqlite3';
import type { AlertFeedPort, TimelinePort } from '../../context';

/**
 * Puts a failed browser check's evidence onto the incidents its alert is attached to: when the alert
 * fails while attached, and when an alert already carrying evidence is attached later. One entry per
 * incident and failure episode (the alert's activeAt), recorded in probe_evidence_links so neither a
 * restart nor a page failing every minute repeats it.
 */
export class EvidenceLinker {
  private readonly insertStmt;
  private readonly pinnedStmt;

  constructor(
    db: Database.Database,
    private readonly timeline: TimelinePort,
    private readonly alerts: AlertFeedPort,
    private readonly now: () => number,
  ) {
    this.insertStmt = db.prepare<[string, string, number, string, number]>(
      'INSERT OR IGNORE INTO probe_evidence_links (incident_id, fingerprint, episode, evidence_id, added_at) VALUES (?, ?, ?, ?, ?)',
    );
    this.pinnedStmt = db.prepare<[string], { n: number }>('SELECT 1 AS n FROM probe_evidence_links WHERE evidence_id = ? LIMIT 1');
  }

  isPinned(evidenceId: string): boolean {
    return this.pinnedStmt.get(evidenceId) !== undefined;
  }

  /** Cheap when nothing is new: only probe alerts that carry evidence are looked at. */
  sync(): void {
    for (const alert of this.alerts.merged()) {
      const id = alert.annotations.evidence_id;
      if (alert.source !== 'probe' || !id || alert.state === 'resolved') continue;
      const incidents = this.timeline.incidentsForAlert(alert.fingerprint);
      for (const incidentId of incidents) {
        const added = this.insertStmt.run(incidentId, alert.fingerprint, alert.activeAt ?? 0, id, this.now()).changes === 1;
        if (!added) continue;
        const screenshot = alert.annotations.screenshot ?? null;
        const consoleErrors = alert.annotations.console_errors ?? null;
        this.timeline.append(incidentId, {
          kind: 'evidence',
          text: `Browser check of ${alert.sourceName} failed: ${alert.annotations.description ?? alert.annotations.summary ?? ''}`.trim(),
          data: { url: screenshot ?? consoleErrors, screenshot, consoleErrors, evidenceId: id, fingerprint: alert.fingerprint },
        });
      }
    }
  }
}
