import type { Incident, IncidentCategory, IncidentSeverity, IncidentStatus, IncidentSummary } from '../../../preload/contract/incidents';
import type { Statement } from 'better-sqlite3';
import type { Db } from './db';

export interface IncidentRow {
  n: number;
  id: string;
  title: string;
  severity: string;
  category: string;
  status: string;
  commander: string | null;
  scribe: string | null;
  comms: string | null;
  services: string;
  impact: string;
  customer_impact: number;
  correlation_id: string | null;
  started_at: number;
  detected_at: number | null;
  acknowledged_at: number | null;
  mitigated_at: number | null;
  resolved_at: number | null;
  closed_at: number | null;
  author: string;
  created_at: number;
  updated_at: number;
  last_entry_at: number;
  entry_count: number;
  change_seq: number;
}

const summaryColumns = 'id, title, severity, category, status, commander, started_at, updated_at, last_entry_at, resolved_at, entry_count, customer_impact';
export type SummaryRow = Pick<IncidentRow, 'id' | 'title' | 'severity' | 'category' | 'status' | 'commander' | 'started_at' | 'updated_at' | 'last_entry_at' | 'resolved_at' | 'entry_count' | 'customer_impact'>;

export function rowToSummary(row: SummaryRow): IncidentSummary {
  return {
    id: row.id,
    title: row.title,
    severity: row.severity as IncidentSeverity,
    category: row.category as IncidentCategory,
    status: row.status as IncidentStatus,
    commander: row.commander,
    startedAt: row.started_at,
    updatedAt: row.updated_at,
    lastEntryAt: row.last_entry_at,
    resolvedAt: row.resolved_at,
    entryCount: row.entry_count,
    customerImpact: row.customer_impact === 1,
  };
}

export function rowToIncident(row: IncidentRow, alerts: string[]): Incident {
  return {
    ...rowToSummary(row),
    roles: { commander: row.commander, scribe: row.scribe, comms: row.comms },
    services: JSON.parse(row.services) as string[],
    impact: row.impact,
    correlationId: row.correlation_id,
    alerts,
    detectedAt: row.detected_at,
    acknowledgedAt: row.acknowledged_at,
    mitigatedAt: row.mitigated_at,
    closedAt: row.closed_at,
    author: row.author,
    createdAt: row.created_at,
  };
}

export interface ListFilter {
  status?: IncidentStatus[];
  open?: boolean;
  severity?: IncidentSeverity[];
  category?: IncidentCategory[];
  sort: 'startedAt' | 'updatedAt' | 'severity' | 'status';
  order: 'asc' | 'desc';
  offset: number;
  limit: number;
}

const sortColumns: Record<ListFilter['sort'], string> = {
  startedAt: 'started_at',
  updatedAt: 'updated_at',
  severity: 'severity',
  status: 'status',
};

/** Columns an update may set, by their row names (everything else changes through its own method). */
export type IncidentPatch = Partial<Pick<IncidentRow, 'title' | 'severity' | 'category' | 'status' | 'commander' | 'scribe' | 'comms' | 'services' | 'impact' | 'customer_impact' | 'correlation_id' | 'detected_at' | 'acknowledged_at' | 'mitigated_at' | 'resolved_at' | 'closed_at'>>;
const patchable = new Set<string>(['title', 'severity', 'category', 'status', 'commander', 'scribe', 'comms', 'services', 'impact', 'customer_impact', 'correlation_id', 'detected_at', 'acknowledged_at', 'mitigated_at', 'resolved_at', 'closed_at']);

/** The incidents table. Statements are prepared once; callers wrap multi-statement writes in a transaction. */
export class IncidentRepo {
  private readonly byId;
  private readonly insertStmt;
  private readonly touchStmt;
  private readonly alertsOf;
  private readonly mostRecentOpenStmt;
  private readonly changedSinceStmt;
  private readonly maxSeqStmt;
  /** Statements whose SQL depends on the filter/column set: prepared on first use, then reused. */
  private readonly cache = new Map<string, Statement<unknown[]>>();

  constructor(private readonly db: Db) {
    this.byId = db.prepare<[string], IncidentRow>('SELECT * FROM incidents WHERE id = ?');
    this.insertStmt = db.prepare(`INSERT INTO incidents (id, title, severity, category, status, commander, scribe, comms, services, impact, customer_impact,
      correlation_id, started_at, detected_at, acknowledged_at, mitigated_at, resolved_at, closed_at, author, created_at, updated_at, last_entry_at, entry_count, change_seq)
      VALUES (@id, @title, @severity, @category, @status, @commander, @scribe, @comms, @services, @impact, @customer_impact, @correlation_id, @started_at,
      @detected_at, @acknowledged_at, @mitigated_at, @resolved_at, @closed_at, @author, @created_at, @updated_at, @last_entry_at, @entry_count,
      (SELECT coalesce(max(change_seq), 0) + 1 FROM incidents))`);
    this.touchStmt = db.prepare<[number, number, number, string]>(
      'UPDATE incidents SET updated_at = max(updated_at, ?), last_entry_at = max(last_entry_at, ?), entry_count = entry_count + ?, change_seq = (SELECT max(change_seq) + 1 FROM incidents) WHERE id = ?',
    );
    this.alertsOf = db.prepare<[string], { fingerprint: string }>('SELECT fingerprint FROM incident_alerts WHERE incident_id = ? ORDER BY linked_at');
    this.mostRecentOpenStmt = db.prepare<[], { id: string }>(
      "SELECT id FROM incidents WHERE status IN ('triggered','acknowledged','investigating','mitigated') ORDER BY updated_at DESC LIMIT 1",
    );
    this.changedSinceStmt = db.prepare<[number], { id: string; change_seq: number }>('SELECT id, change_seq FROM incidents WHERE change_seq > ? ORDER BY change_seq LIMIT 1000');
    this.maxSeqStmt = db.prepare<[], { seq: number | null }>('SELECT max(change_seq) AS seq FROM incidents');
  }

  row(id: string): IncidentRow | undefined {
    return this.byId.get(id);
  }

  get(id: string): Incident | undefined {
    const row = this.byId.get(id);
    return row && rowToIncident(row, this.alertsOf.all(id).map((a) => a.fingerprint));
  }

  insert(row: Omit<IncidentRow, 'n' | 'change_seq'>): void {
    this.insertStmt.run(row);
  }

  /** Sets columns and bumps updated_at/change_seq. One statement per distinct column set, cached. */
  patch(id: string, patch: IncidentPatch, at: number): void {
    const keys = Object.keys(patch).filter((k) => patchable.has(k)).sort();
    const sql = `UPDATE incidents SET ${keys.map((k) => `${k} = @${k}, `).join('')}updated_at = max(updated_at, @at), change_seq = (SELECT max(change_seq) + 1 FROM incidents) WHERE id = @id`;
    this.prepared(sql).run({ ...Object.fromEntries(keys.map((k) => [k, patch[k as keyof IncidentPatch] ?? null])), at, id });
  }

  /** Records that `count` entries were appended (last at `at`). */
  touch(id: string, at: number, count = 1): void {
    this.touchStmt.run(at, at, count, id);
  }

  mostRecentOpen(): string | undefined {
    return this.mostRecentOpenStmt.get()?.id;
  }

  changedSince(seq: number): { id: string; change_seq: number }[] {
    return this.changedSinceStmt.all(seq);
  }

  maxChangeSeq(): number {
    return this.maxSeqStmt.get()?.seq ?? 0;
  }

  private prepared(sql: string): Statement<unknown[]> {
    let stmt = this.cache.get(sql);
    if (!stmt) this.cache.set(sql, (stmt = this.db.prepare<unknown[]>(sql)));
    return stmt;
  }

  list(filter: ListFilter): { items: IncidentSummary[]; total: number } {
    const where: string[] = [];
    const params: unknown[] = [];
    const statuses = filter.open ? (filter.status ?? ['triggered', 'acknowledged', 'investigating', 'mitigated']).filter((s) => s !== 'resolved' && s !== 'closed') : filter.status;
    const inList = (column: string, values: readonly string[] | undefined) => {
      if (!values) return;
      where.push(values.length === 0 ? '0' : `${column} IN (${values.map(() => '?').join(',')})`);
      params.push(...values);
    };
    inList('status', statuses);
    inList('severity', filter.severity);
    inList('category', filter.category);
    const whereSql = where.length ? `WHERE ${where.join(' AND ')}` : '';
    const dir = filter.order === 'asc' ? 'ASC' : 'DESC';
    // Severity sorts P1 first when descending ("most severe first"), and status follows the lifecycle.
    const column = sortColumns[filter.sort];
    const sortDir = filter.sort === 'severity' ? (dir === 'DESC' ? 'ASC' : 'DESC') : dir;
    const orderSql = filter.sort === 'status' ? `ORDER BY ${statusOrderSql} ${dir}, started_at DESC` : `ORDER BY ${column} ${sortDir}${column === 'started_at' ? '' : ', started_at DESC'}`;
    const rows = (this.prepared(`SELECT ${summaryColumns} FROM incidents ${whereSql} ${orderSql} LIMIT ? OFFSET ?`).all(...params, filter.limit, filter.offset) as SummaryRow[]);
    const total = (this.prepared(`SELECT count(*) AS n FROM incidents ${whereSql}`).get(...params) as { n: number }).n;
    return { items: rows.map(rowToSummary), total };
  }
}

const statusOrderSql = `CASE status WHEN 'triggered' THEN 0 WHEN 'acknowledged' THEN 1 WHEN 'investigating' THEN 2 WHEN 'mitigated' THEN 3 WHEN 'resolved' THEN 4 ELSE 5 END`;
