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

/** Applies pending migrations in one transaction: either all of them land or none. */
export function migrate(db: Db, list: readonly Migration[]): void {
  const current = db.pragma('user_version', { simple: true }) as number;
  const latest = list.at(-1)?.version ?? 0;
  if (current > latest) throw tooNew(db.name, current, latest);
  const pending = list.filter((m) => m.version > current);
  if (pending.length === 0) return;
  db.transaction(() => {
    for (const m of pending) {
      m.up(db);
      db.pragma(`user_version = ${m.version}`);
    }
  }).immediate();
}

function inspectExisting(path: string, latest: number, nativeBinding: string | undefined, quickCheck: boolean): void {
  let probe: Db | null = null;
  try {
    probe = new Database(path, { readonly: true, fileMustExist: true, ...(nativeBinding ? { nativeBinding } : {}) });
    const version = probe.pragma('user_version', { simple: true }) as number;
    if (version > latest) throw tooNew(path, version, latest);
    const check = quickCheck ? (probe.pragma('quick_check', { simple: true }) as string) : 'ok';
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

function tooNew(path: string, version: number, latest: number): AppError {
  return new AppError('journal_unavailable', `${path} was written by a newer Oncall Console (schema ${version}, this version knows up to ${latest}). Update the app; the file was not changed.`);
}
