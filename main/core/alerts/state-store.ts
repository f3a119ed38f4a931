import type { Matcher, NotificationLogEntry } from '../../../preload/contract';
import type { Db } from '../journal';

export interface Mark {
  acknowledgedAt: number | null;
  acknowledgedBy: string | null;
  snoozedUntil: number | null;
}

export interface LocalSilence {
  id: string;
  matchers: Matcher[];
  startsAt: number;
  endsAt: number;
  comment: string;
  createdBy: string;
  createdAt: number;
  warned: boolean;
}

interface SilenceRow {
  id: string;
  matchers: string;
  starts_at: number;
  ends_at: number;
  comment: string;
  created_by: string;
  created_at: number;
  warned: number;
}

interface NotificationRow {
  id: number;
  at: number;
  kind: NotificationLogEntry['kind'];
  group_key: string;
  title: string;
  body: string;
  fingerprints: string;
  delivered: number;
  held_because: string | null;
}

const rowToSilence = (r: SilenceRow): LocalSilence => ({
  id: r.id,
  matchers: JSON.parse(r.matchers) as Matcher[],
  startsAt: r.starts_at,
  endsAt: r.ends_at,
  comment: r.comment,
  createdBy: r.created_by,
  createdAt: r.created_at,
  warned: r.warned === 1,
});

const rowToNotification = (r: NotificationRow): NotificationLogEntry => ({
  id: r.id,
  at: r.at,
  kind: r.kind,
  groupKey: r.group_key,
  title: r.title,
  body: r.body,
  fingerprints: JSON.parse(r.fingerprints) as string[],
  delivered: r.delivered === 1,
  heldBecause: r.held_because,
});

/** The alerting tables of migration 40 (one repository for the five small tables). */
export class AlertStateStore {
  private readonly s;

  constructor(private readonly db: Db) {
    this.s = {
      marks: db.prepare<[], { fingerprint: string; acknowledged_at: number | null; acknowledged_by: string | null; snoozed_until: number | null }>(
        'SELECT fingerprint, acknowledged_at, acknowledged_by, snoozed_until FROM alert_marks',
      ),
      ack: db.prepare<[string, number, string]>(
        `INSERT INTO alert_marks (fingerprint, acknowledged_at, acknowledged_by) VALUES (?, ?, ?)
         ON CONFLICT (fingerprint) DO UPDATE SET acknowledged_at = excluded.acknowledged_at, acknowledged_by = excluded.acknowledged_by`,
      ),
      unack: db.prepare<[string]>('UPDATE alert_marks SET acknowledged_at = NULL, acknowledged_by = NULL WHERE fingerprint = ?'),
      snooze: db.prepare<[string, number]>(
        'INSERT INTO alert_marks (fingerprint, snoozed_until) VALUES (?, ?) ON CONFLICT (fingerprint) DO UPDATE SET snoozed_until = excluded.snoozed_until',
      ),
      forget: db.prepare<[string]>('DELETE FROM alert_marks WHERE fingerprint = ?'),
      silences: db.prepare<[], SilenceRow>('SELECT * FROM alert_silences ORDER BY ends_at'),
      addSilence: db.prepare<[string, string, number, number, string, string, number]>(
        'INSERT INTO alert_silences (id, matchers, starts_at, ends_at, comment, created_by, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
      ),
      endSilence: db.prepare<[number, string]>('UPDATE alert_silences SET ends_at = ? WHERE id = ?'),
      warned: db.prepare<[string]>('UPDATE alert_silences SET warned = 1 WHERE id = ?'),
      pruneSilences: db.prepare<[number]>('DELETE FROM alert_silences WHERE ends_at < ?'),
      log: db.prepare<[number, string, string, string, string, string, number, string | null]>(
        'INSERT INTO alert_notifications (at, kind, group_key, title, body, fingerprints, delivered, held_because) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
      ),
      recent: db.prepare<[number], NotificationRow>('SELECT * FROM alert_notifications ORDER BY id DESC LIMIT ?'),
      pruneLog: db.prepare<[number]>('DELETE FROM alert_notifications WHERE at < ?'),
      escalations: db.prepare<[string], { level: number }>('SELECT level FROM alert_escalations WHERE fingerprint = ?'),
      reminded: db.prepare<[string, number, number]>('INSERT OR IGNORE INTO alert_escalations (fingerprint, level, reminded_at) VALUES (?, ?, ?)'),
      escalated: db.prepare<[{ fp: string; level: number; at: number }]>(
        `INSERT INTO alert_escalations (fingerprint, level, reminded_at, escalated_at) VALUES (@fp, @level, @at, @at)
         ON CONFLICT (fingerprint, level) DO UPDATE SET escalated_at = @at`,
      ),
      forgetEscalations: db.prepare<[string]>('DELETE FROM alert_escalations WHERE fingerprint = ?'),
      getSetting: db.prepare<[string], { value: string }>('SELECT value FROM alert_settings WHERE key = ?'),
      setSetting: db.prepare<[string, string]>('INSERT INTO alert_settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value'),
      deleteSetting: db.prepare<[string]>('DELETE FROM alert_settings WHERE key = ?'),
    };
  }

  marks(): Map<string, Mark> {
    const out = new Map<string, Mark>();
    for (const r of this.s.marks.all()) out.set(r.fingerprint, { acknowledgedAt: r.acknowledged_at, acknowledgedBy: r.acknowledged_by, snoozedUntil: r.snoozed_until });
    return out;
  }

  acknowledge(fingerprints: readonly string[], at: number, by: string): void {
    this.db.transaction(() => {
      for (const fp of fingerprints) this.s.ack.run(fp, at, by);
    })();
  }

  unacknowledge(fingerprints: readonly string[]): void {
    this.db.transaction(() => {
      for (const fp of fingerprints) this.s.unack.run(fp);
    })();
  }

  snooze(fingerprints: readonly string[], until: number): void {
    this.db.transaction(() => {
      for (const fp of fingerprints) this.s.snooze.run(fp, until);
    })();
  }

  /** An alert that resolved starts fresh next time: its ack, snooze and escalation go. */
  forget(fingerprints: readonly string[]): void {
    this.db.transaction(() => {
      for (const fp of fingerprints) {
        this.s.forget.run(fp);
        this.s.forgetEscalations.run(fp);
      }
    })();
  }

  silences(): LocalSilence[] {
    return this.s.silences.all().map(rowToSilence);
  }

  addSilence(s: Omit<LocalSilence, 'warned'>): void {
    this.s.addSilence.run(s.id, JSON.stringify(s.matchers), s.startsAt, s.endsAt, s.comment, s.createdBy, s.createdAt);
  }

  expireSilence(id: string, at: number): boolean {
    return this.s.endSilence.run(at, id).changes > 0;
  }

  markWarned(id: string): void {
    this.s.warned.run(id);
  }

  logNotification(e: Omit<NotificationLogEntry, 'id'>): number {
    const info = this.s.log.run(e.at, e.kind, e.groupKey, e.title, e.body, JSON.stringify(e.fingerprints), e.delivered ? 1 : 0, e.heldBecause);
    return Number(info.lastInsertRowid);
  }

  notifications(limit: number): NotificationLogEntry[] {
    return this.s.recent.all(limit).map(rowToNotification);
  }

  remindedLevels(fingerprint: string): Set<number> {
    return new Set(this.s.escalations.all(fingerprint).map((r) => r.level));
  }

  markReminded(fingerprint: string, level: number, at: number): void {
    this.s.reminded.run(fingerprint, level, at);
  }

  markEscalated(fingerprint: string, level: number, at: number): void {
    this.s.escalated.run({ fp: fingerprint, level, at });
  }

  setting(key: string): string | null {
    return this.s.getSetting.get(key)?.value ?? null;
  }

  setSetting(key: string, value: string | null): void {
    if (value === null) this.s.deleteSetting.run(key);
    else this.s.setSetting.run(key, value);
  }

  /** Keeps the tables small: expired silences after a week, notifications after 30 days. */
  prune(now: number): void {
    this.s.pruneSilences.run(now - 7 * 86_400_000);
    this.s.pruneLog.run(now - 30 * 86_400_000);
  }
}
