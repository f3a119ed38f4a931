import { randomUUID } from 'node:crypto';
import type { ActionItem, ChecklistItem, Postmortem } from '../../../preload/contract/incidents';
import type { Db } from './db';

export interface ChecklistRow {
  incident_id: string;
  key: string;
  label: string;
  position: number;
  done_at: number | null;
  done_by: string | null;
}

export function rowToChecklistItem(row: ChecklistRow): ChecklistItem {
  return { key: row.key, label: row.label, done: row.done_at !== null, doneAt: row.done_at, doneBy: row.done_by };
}

export interface ActionRow {
  n: number;
  id: string;
  incident_id: string;
  title: string;
  owner: string | null;
  due_date: string | null;
  done: number;
  created_at: number;
  updated_at: number;
}

export function rowToAction(row: ActionRow): ActionItem {
  return {
    id: row.id,
    incidentId: row.incident_id,
    title: row.title,
    owner: row.owner,
    dueDate: row.due_date,
    done: row.done === 1,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

export interface PostmortemRow {
  incident_id: string;
  summary: string;
  impact: string;
  root_cause: string;
  five_whys: string;
  went_well: string;
  went_badly: string;
  lessons: string;
  slo_impact: string;
  cost: string;
  updated_at: number;
}

export function rowToPostmortem(row: PostmortemRow): Postmortem {
  return {
    incidentId: row.incident_id,
    summary: row.summary,
    impact: row.impact,
    rootCause: row.root_cause,
    fiveWhys: JSON.parse(row.five_whys) as string[],
    wentWell: row.went_well,
    wentBadly: row.went_badly,
    lessons: row.lessons,
    sloImpact: row.slo_impact,
    cost: row.cost,
    updatedAt: row.updated_at,
  };
}

export function emptyPostmortem(incidentId: string): Postmortem {
  return { incidentId, summary: '', impact: '', rootCause: '', fiveWhys: [], wentWell: '', wentBadly: '', lessons: '', sloImpact: '', cost: '', updatedAt: null };
}

/** The start checklist of P1/P2 incidents. */
export class ChecklistRepo {
  private readonly listStmt;
  private readonly insertStmt;
  private readonly tickStmt;

  constructor(db: Db) {
    this.listStmt = db.prepare<[string], ChecklistRow>('SELECT * FROM checklist WHERE incident_id = ? ORDER BY position');
    this.insertStmt = db.prepare<[string, string, string, number, number | null, string | null]>(
      'INSERT OR IGNORE INTO checklist (incident_id, key, label, position, done_at, done_by) VALUES (?, ?, ?, ?, ?, ?)',
    );
    this.tickStmt = db.prepare<[number | null, string | null, string, string]>('UPDATE checklist SET done_at = ?, done_by = ? WHERE incident_id = ? AND key = ?');
  }

  list(incidentId: string): ChecklistItem[] {
    return this.listStmt.all(incidentId).map(rowToChecklistItem);
  }

  seed(incidentId: string, items: readonly { key: string; label: string; doneAt?: number | null; doneBy?: string | null }[]): void {
    items.forEach((item, i) => this.insertStmt.run(incidentId, item.key, item.label, i, item.doneAt ?? null, item.doneBy ?? null));
  }

  /** Returns false when the incident has no such item. */
  set(incidentId: string, key: string, doneAt: number | null, doneBy: string | null): boolean {
    return this.tickStmt.run(doneAt, doneBy, incidentId, key).changes === 1;
  }
}

export class ActionRepo {
  private readonly listStmt;
  private readonly byIdStmt;
  private readonly insertStmt;
  private readonly updateStmt;

  constructor(db: Db) {
    this.listStmt = db.prepare<[string], ActionRow>('SELECT * FROM action_items WHERE incident_id = ? ORDER BY n');
    this.byIdStmt = db.prepare<[string], ActionRow>('SELECT * FROM action_items WHERE id = ?');
    this.insertStmt = db.prepare<[string, string, string, string | null, string | null, number, number, number]>(
      'INSERT INTO action_items (id, incident_id, title, owner, due_date, done, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
    );
    this.updateStmt = db.prepare<[string, string | null, string | null, number, number, string]>(
      'UPDATE action_items SET title = ?, owner = ?, due_date = ?, done = ?, updated_at = ? WHERE id = ?',
    );
  }

  list(incidentId: string): ActionItem[] {
    return this.listStmt.all(incidentId).map(rowToAction);
  }

  get(id: string): ActionItem | undefined {
    const row = this.byIdStmt.get(id);
    return row && rowToAction(row);
  }

  insert(item: Omit<ActionItem, 'id'> & { id?: string }): ActionItem {
    const full: ActionItem = { ...item, id: item.id ?? randomUUID() };
    this.insertStmt.run(full.id, full.incidentId, full.title, full.owner, full.dueDate, full.done ? 1 : 0, full.createdAt, full.updatedAt);
    return full;
  }

  update(item: ActionItem): void {
    this.updateStmt.run(item.title, item.owner, item.dueDate, item.done ? 1 : 0, item.updatedAt, item.id);
  }
}

export class PostmortemRepo {
  private readonly getStmt;
  private readonly upsertStmt;

  constructor(db: Db) {
    this.getStmt = db.prepare<[string], PostmortemRow>('SELECT * FROM postmortems WHERE incident_id = ?');
    this.upsertStmt = db.prepare(`INSERT INTO postmortems (incident_id, summary, impact, root_cause, five_whys, went_well, went_badly, lessons, slo_impact, cost, updated_at)
      VALUES (@incident_id, @summary, @impact, @root_cause, @five_whys, @went_well, @went_badly, @lessons, @slo_impact, @cost, @updated_at)
      ON CONFLICT (incident_id) DO UPDATE SET summary = excluded.summary, impact = excluded.impact, root_cause = excluded.root_cause,
      five_whys = excluded.five_whys, went_well = excluded.went_well, went_badly = excluded.went_badly, lessons = excluded.lessons,
      slo_impact = excluded.slo_impact, cost = excluded.cost, updated_at = excluded.updated_at`);
  }

  get(incidentId: string): Postmortem {
    const row = this.getStmt.get(incidentId);
    return row ? rowToPostmortem(row) : emptyPostmortem(incidentId);
  }

  save(pm: Postmortem & { updatedAt: number }): void {
    this.upsertStmt.run({
      incident_id: pm.incidentId,
      summary: pm.summary,
      impact: pm.impact,
      root_cause: pm.rootCause,
      five_whys: JSON.stringify(pm.fiveWhys),
      went_well: pm.wentWell,
      went_badly: pm.wentBadly,
      lessons: pm.lessons,
      slo_impact: pm.sloImpact,
      cost: pm.cost,
      updated_at: pm.updatedAt,
    });
  }
}

export class AlertLinkRepo {
  private readonly linkStmt;
  private readonly openForStmt;
  private readonly openAttachedStmt;

  constructor(db: Db) {
    this.linkStmt = db.prepare<[string, string, number]>('INSERT OR IGNORE INTO incident_alerts (incident_id, fingerprint, linked_at) VALUES (?, ?, ?)');
    this.openForStmt = db.prepare<[string], { id: string }>(
      `SELECT i.id FROM incident_alerts a JOIN incidents i ON i.id = a.incident_id
       WHERE a.fingerprint = ? AND i.status IN ('triggered','acknowledged','investigating','mitigated') ORDER BY i.started_at`,
    );
    this.openAttachedStmt = db.prepare<[], { fingerprint: string }>(
      // Driven by the open incidents (status index), so closed incidents' links cost nothing.
      `SELECT DISTINCT a.fingerprint FROM incidents i JOIN incident_alerts a ON a.incident_id = i.id
       WHERE i.status IN ('triggered','acknowledged','investigating','mitigated')`,
    );
  }

  /** True when the link is new. */
  link(incidentId: string, fingerprint: string, at: number): boolean {
    return this.linkStmt.run(incidentId, fingerprint, at).changes === 1;
  }

  openIncidentsFor(fingerprint: string): string[] {
    return this.openForStmt.all(fingerprint).map((r) => r.id);
  }

  /** Every fingerprint attached to at least one open incident, in one query. */
  openAttached(): Set<string> {
    return new Set(this.openAttachedStmt.all().map((r) => r.fingerprint));
  }
}
