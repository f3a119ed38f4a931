import Database from 'better-sqlite3';
import { existsSync } from 'node:fs';
import { AppError } from '../shared/errors';
import { migrations, type Migration } from './migrations';

export type Db = Database.Database;

export interface OpenOptions {
  /** Migrations to apply; the app's own list by default (tests pass their own). */
  migrations?: readonly Migration[];
  readonly?: boolean;
  /** Path of a better_sqlite3.node built for another runtime (Electron in development). */
  nativeBinding?: string;
  /**
   * Run quick_check on an existing file before using it (default true). It reads every page, so it
   * grows with the journal (about 5 s for 2,000,000 entries): the app pays it once at start, while
   * one-shot CLI commands skip it and rely on SQLite's own corruption errors plus the app's check.
   */
  quickCheck?: boolean;
}

/**
 * The only place that opens journal.db. Checks the file before writing anything to it, so a
 * corrupted or newer database is reported and left exactly as it was.
 */
export function openJournal(path: string, options: OpenOptions = {}): Db {
  const list = options.migrations ?? migrations;
  const latest = list.at(-1)?.version ?? 0;
  if (path !== ':memory:' && existsSync(path)) inspectExisting(path, latest, options.nativeBinding, options.quickCheck ?? true);

  const db = new Database(path, { readonly: options.readonly ?? false, ...(options.nativeBinding ? { nativeBinding: options.nativeBinding } : {}) });
  try {
    // WAL lets the app and the CLI write at once; FULL makes each commit durable (WAL's NORMAL
    // default can lose the last commits on power loss, and a journal must not lose a line).
    if (!options.readonly) db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
    db.pragma('foreign_keys = ON');
    db.pragma('busy_timeout = 5000');
    if (!options.readonly) migrate(db, list);
  } catch (err) {
    db.close();
    throw err;
  }
  return db;
}

export function closeJournal(db: Db): void {
  if (!db.open) return;
  try {
    if (!db.readonly) db.pragma('optimize');
  } finally {
    db.close();
  }
}

/**
 * Migrations that shipped while `user_version` was the only record, as a high-water mark: a file at
 * version v has those of these up to v (of the ones in the list being applied). Since then each applied version is recorded in
 * schema_migrations, so a later migration numbered inside a domain's range (11 after 40) still runs.
 */
const shippedBeforeTracking: readonly number[] = [1, 10, 20, 30, 40];

/** Applies pending migrations (in list order) in one transaction: either all of them land or none. */
export function migrate(db: Db, list: readonly Migration[]): void {
  const current = db.pragma('user_version', { simple: true }) as number;
  const latest = Math.max(0, ...list.map((m) => m.version));
  if (current > latest) throw tooNew(db.name, current, latest);
  const tracked = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'schema_migrations'").get() !== undefined;
  const applied = tracked
    ? (db.prepare('SELECT version FROM schema_migrations').pluck().all() as number[])
    : shippedBeforeTracking.filter((v) => v <= current && list.some((m) => m.version === v));
  const unknown = applied.find((v) => !list.some((m) => m.version === v));
  if (unknown !== undefined) throw tooNew(db.name, unknown, latest);
  const pending = list.filter((m) => !applied.includes(m.version));
  if (pending.length === 0) return;
  db.transaction(() => {
    db.exec('CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY) STRICT');
    const record = db.prepare('INSERT OR IGNORE INTO schema_migrations (version) VALUES (?)');
    for (const v of applied) record.run(v);
    for (const m of pending) {
      m.up(db);
      record.run(m.version);
    }
    db.pragma(`user_version = ${Math.max(current, ...pending.map((m) => m.version))}`);
  }).immediate();
}

function inspectExisting(path: string, latest: number, nativeBinding: string | undefined, quickCheck: boolean): void {
  let probe: Db | null = null;
  try {
    probe = new Database(path, { readonly: true, fileMustExist: true, ...(nativeBinding ? { nativeBinding } : {}) });
    const version = probe.pragma('user_version', { simple: true }) as number;
    if (version > latest) throw tooNew(path, version, latest);
    const check = quickCheck ? runQuickCheck(probe) : 'ok';
    if (check !== 'ok') {
      throw new AppError('journal_unavailable', `${path} failed its integrity check (${check}). The file was not changed. Restore it from a backup (backups/ in the data folder) or move it away to start a new journal.`);
    }
  } catch (err) {
    if (err instanceof AppError) throw err;
    throw new AppError('journal_unavailable', `${path} cannot be opened as a journal: ${(err as Error).message}. The file was not changed. Restore it from a backup (backups/ in the data folder) or move it away to start a new journal.`);
  } finally {
    probe?.close();
  }
}

/**
 * quick_check's verdict: its report, or the error it stopped with. Damage to an FTS5 table's own
 * pages makes the check throw ("vtable constructor failed") instead of listing problems, and that is
 * just as much a failed check of this file.
 */
function runQuickCheck(db: Db): string {
  try {
    return String(db.pragma('quick_check', { simple: true }));
  } catch (err) {
    return (err as Error).message;
  }
}

function tooNew(path: string, version: number, latest: number): AppError {
  return new AppError('journal_unavailable', `${path} was written by a newer Oncall Console (schema ${version}, this version knows up to ${latest}). Update the app; the file was not changed.`);
}
