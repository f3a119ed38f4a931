import type { HistorySeries } from '../../../preload/contract';
import type { Db } from '../journal';
import type { Clock } from '../shared/clock';
import { emptyHistogram, mergeInto, observe } from './histogram';

export const minute = 60_000;
export const hour = 3_600_000;
export const day = 86_400_000;

export interface Retention {
  raw: number;
  minute: number;
  hour: number;
  day: number;
}

export const defaultRetention: Retention = { raw: day, minute: 7 * day, hour: 90 * day, day: 365 * day };

/** What a probe leaves in history: no headers, no bodies, nothing secret. */
export interface HistoryPoint {
  target: string;
  at: number;
  ok: boolean;
  error: boolean;
  /** null when no answer came back. */
  latencyMs: number | null;
  status: number | null;
  reason: string | null;
}

/** Sums over a time range, from the rollups. */
export interface Aggregate {
  count: number;
  ok: number;
  errors: number;
  hist: number[];
}

interface RollupRow {
  target: string;
  resolution: number;
  bucket: number;
  count: number;
  ok: number;
  errors: number;
  latency_count: number;
  latency_sum: number;
  latency_max: number;
  hist: string;
}

const resolutions = [minute, hour, day] as const;

/**
 * Probe history in journal.db. Results are buffered and written once a second in one transaction
 * (1,000 targets must not mean 100 fsyncs a second); rollups are updated as results arrive, so
 * nothing has to be recomputed when raw rows expire.
 */
export class HistoryStore {
  private buffer: HistoryPoint[] = [];
  private cancelFlush: (() => void) | null = null;
  private cancelPrune: (() => void) | null = null;
  private readonly insertRaw;
  private readonly getRollup;
  private readonly putRollup;

  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private retention: Retention = defaultRetention,
  ) {
    this.insertRaw = db.prepare('INSERT INTO probe_results (target, at, ok, error, latency_ms, status, reason) VALUES (?, ?, ?, ?, ?, ?, ?)');
    this.getRollup = db.prepare<[string, number, number], RollupRow>('SELECT * FROM probe_rollups WHERE target = ? AND resolution = ? AND bucket = ?');
    this.putRollup = db.prepare(
      'INSERT OR REPLACE INTO probe_rollups (target, resolution, bucket, count, ok, errors, latency_count, latency_sum, latency_max, hist) VALUES (@target, @resolution, @bucket, @count, @ok, @errors, @latency_count, @latency_sum, @latency_max, @hist)',
    );
  }

  setRetention(retention: Retention): void {
    this.retention = retention;
  }

  add(point: HistoryPoint): void {
    this.buffer.push(point);
    this.cancelFlush ??= this.clock.setTimeout(() => {
      this.cancelFlush = null;
      this.flush();
    }, 1000);
  }

  /** Writes buffered results and their rollups in one transaction. */
  flush(): void {
    this.cancelFlush?.();
    this.cancelFlush = null;
    if (this.buffer.length === 0) return;
    const points = this.buffer;
    this.buffer = [];
    const rollups = new Map<string, RollupRow>();
    for (const p of points) {
      for (const resolution of resolutions) {
        const bucket = Math.floor(p.at / resolution) * resolution;
        const key = `${p.target}\u0000${resolution}\u0000${bucket}`;
        let row = rollups.get(key);
        if (!row) {
          row = { target: p.target, resolution, bucket, count: 0, ok: 0, errors: 0, latency_count: 0, latency_sum: 0, latency_max: 0, hist: '' };
          rollups.set(key, row);
        }
        row.count++;
        if (p.ok) row.ok++;
        if (p.error) row.errors++;
        if (p.latencyMs !== null) {
          row.latency_count++;
          row.latency_sum += p.latencyMs;
          row.latency_max = Math.max(row.latency_max, p.latencyMs);
        }
      }
    }
    const hists = new Map<string, number[]>();
    for (const p of points) {
      if (p.latencyMs === null) continue;
      for (const resolution of resolutions) {
        const key = `${p.target}\u0000${resolution}\u0000${Math.floor(p.at / resolution) * resolution}`;
        let h = hists.get(key);
        if (!h) hists.set(key, (h = emptyHistogram()));
        observe(h, p.latencyMs);
      }
    }
    this.db.transaction(() => {
      for (const p of points) this.insertRaw.run(p.target, p.at, p.ok ? 1 : 0, p.error ? 1 : 0, p.latencyMs, p.status, p.reason);
      for (const [key, row] of rollups) {
        const old = this.getRollup.get(row.target, row.resolution, row.bucket);
        const hist = old ? (JSON.parse(old.hist) as number[]) : emptyHistogram();
        mergeInto(hist, hists.get(key) ?? []);
        this.putRollup.run({
          ...row,
          count: row.count + (old?.count ?? 0),
          ok: row.ok + (old?.ok ?? 0),
          errors: row.errors + (old?.errors ?? 0),
          latency_count: row.latency_count + (old?.latency_count ?? 0),
          latency_sum: row.latency_sum + (old?.latency_sum ?? 0),
          latency_max: Math.max(row.latency_max, old?.latency_max ?? 0),
          hist: JSON.stringify(hist),
        });
      }
    })();
  }

  /** Drops what is past its retention: raw after 24 h, minutes after 7 days, and so on. */
  prune(now = this.clock.now()): void {
    this.flush();
    const r = this.retention;
    this.db.transaction(() => {
      this.db.prepare('DELETE FROM probe_results WHERE at < ?').run(now - r.raw);
      for (const [resolution, keep] of [[minute, r.minute], [hour, r.hour], [day, r.day]] as const) {
        this.db.prepare('DELETE FROM probe_rollups WHERE resolution = ? AND bucket + ? <= ?').run(resolution, resolution, now - keep);
      }
    })();
  }

  /** Prunes every 10 minutes until stopped. */
  startPruning(): void {
    const tick = () => {
      this.prune();
      this.cancelPrune = this.clock.setTimeout(tick, 10 * minute);
    };
    this.cancelPrune = this.clock.setTimeout(tick, minute);
  }

  stop(): void {
    this.cancelPrune?.();
    this.cancelPrune = null;
    this.flush();
  }

  /** Chart data; the finest resolution still kept for the whole range. */
  series(target: string, from: number, to: number): HistorySeries {
    this.flush();
    const now = this.clock.now();
    // A minute of slack: "the last 24 h" asked a moment ago must still be served raw.
    const span = now - from - minute;
    const r = this.retention;
    if (span <= r.raw) {
      const rows = this.db
        .prepare<[string, number, number], { at: number; ok: number; latency_ms: number | null }>('SELECT at, ok, latency_ms FROM probe_results WHERE target = ? AND at >= ? AND at <= ? ORDER BY at')
        .all(target, from, to);
      return { target, resolution: 'raw', t: rows.map((x) => x.at / 1000), latencyMs: rows.map((x) => x.latency_ms), up: rows.map((x) => x.ok) };
    }
    const [resolution, name] = span <= r.minute ? ([minute, 'minute'] as const) : span <= r.hour ? ([hour, 'hour'] as const) : ([day, 'day'] as const);
    const rows = this.db
      .prepare<[string, number, number, number], Pick<RollupRow, 'bucket' | 'count' | 'ok' | 'latency_count' | 'latency_sum'>>(
        'SELECT bucket, count, ok, latency_count, latency_sum FROM probe_rollups WHERE target = ? AND resolution = ? AND bucket >= ? AND bucket <= ? ORDER BY bucket',
      )
      .all(target, resolution, Math.floor(from / resolution) * resolution, to);
    return {
      target,
      resolution: name,
      t: rows.map((x) => x.bucket / 1000),
      latencyMs: rows.map((x) => (x.latency_count > 0 ? x.latency_sum / x.latency_count : null)),
      up: rows.map((x) => (x.count > 0 ? x.ok / x.count : 0)),
    };
  }

  /** Totals for targets over [from, to), from minute rollups when they reach back that far, else hours. */
  aggregate(targets: readonly string[], from: number, to: number): Aggregate {
    this.flush();
    const now = this.clock.now();
    const resolution = now - from <= this.retention.minute ? minute : hour;
    const out: Aggregate = { count: 0, ok: 0, errors: 0, hist: emptyHistogram() };
    const stmt = this.db.prepare<[string, number, number, number], Pick<RollupRow, 'count' | 'ok' | 'errors' | 'hist'>>(
      'SELECT count, ok, errors, hist FROM probe_rollups WHERE target = ? AND resolution = ? AND bucket >= ? AND bucket < ?',
    );
    for (const target of targets) {
      for (const row of stmt.all(target, resolution, Math.floor(from / resolution) * resolution, to)) {
        out.count += row.count;
        out.ok += row.ok;
        out.errors += row.errors;
        mergeInto(out.hist, JSON.parse(row.hist) as number[]);
      }
    }
    return out;
  }

  counts(): { raw: number; minute: number; hour: number; day: number } {
    this.flush();
    const raw = (this.db.prepare('SELECT count(*) AS n FROM probe_results').get() as { n: number }).n;
    const by = (res: number) => (this.db.prepare('SELECT count(*) AS n FROM probe_rollups WHERE resolution = ?').get(res) as { n: number }).n;
    return { raw, minute: by(minute), hour: by(hour), day: by(day) };
  }
}
