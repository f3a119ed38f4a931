import Database from 'better-sqlite3';
import { copyFileSync, existsSync, mkdirSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import type { BackupInfo } from '../../../preload/contract/incidents';
import { AppError } from '../shared/errors';
import type { Db } from './db';

/** Backups kept in <home>/backups; older ones are deleted after each new one is verified. */
export const keepBackups = 7;
const namePattern = /^journal-(\d{8})-(\d{6})(?:-\d+)?\.db$/;

const pad = (n: number) => String(n).padStart(2, '0');
function stamp(at: number): string {
  const d = new Date(at);
  return `${d.getUTCFullYear()}${pad(d.getUTCMonth() + 1)}${pad(d.getUTCDate())}-${pad(d.getUTCHours())}${pad(d.getUTCMinutes())}${pad(d.getUTCSeconds())}`;
}

/** Opens a copy read-only and runs the full integrity_check; 'ok' or SQLite's complaint. */
export function checkFile(path: string): string {
  let db: Db | null = null;
  try {
    db = new Database(path, { readonly: true, fileMustExist: true });
    return String(db.pragma('integrity_check', { simple: true }));
  } catch (err) {
    return (err as Error).message;
  } finally {
    db?.close();
  }
}

export function listBackups(dir: string): BackupInfo[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((f) => namePattern.test(f))
    .sort()
    .reverse()
    .map((file) => {
      const st = statSync(join(dir, file));
      // The name carries the time of the backup (UTC), on the same clock as the rest of the journal.
      const [, d = '', t = ''] = namePattern.exec(file) ?? [];
      const createdAt = Date.UTC(+d.slice(0, 4), +d.slice(4, 6) - 1, +d.slice(6, 8), +t.slice(0, 2), +t.slice(2, 4), +t.slice(4, 6));
      // Only files that passed integrity_check are ever renamed to this pattern.
      return { file, path: join(dir, file), createdAt, bytes: st.size, verified: true };
    });
}

/**
 * An online backup with SQLite's backup API (consistent while the app and the CLI keep writing),
 * written under a temporary name, verified with integrity_check, then renamed into place; only
 * then are backups beyond the newest seven removed.
 */
export async function backupJournal(db: Db, dir: string, now: number): Promise<BackupInfo> {
  mkdirSync(dir, { recursive: true });
  let file = `journal-${stamp(now)}.db`;
  for (let i = 1; existsSync(join(dir, file)); i++) file = `journal-${stamp(now)}-${i}.db`;
  const partial = join(dir, `${file}.partial`);
  rmSync(partial, { force: true });
  await db.backup(partial);
  standalone(partial);
  const check = checkFile(partial);
  if (check !== 'ok') {
    rmSync(partial, { force: true });
    throw new AppError('journal_unavailable', `the backup failed its integrity check (${check}); the journal itself may be damaged: run journal:health`);
  }
  const path = join(dir, file);
  renameSync(partial, path);
  for (const old of listBackups(dir).slice(keepBackups)) rmSync(old.path, { force: true });
  const st = statSync(path);
  return { file, path, createdAt: now, bytes: st.size, verified: true };
}

/**
 * The copy inherits the journal's WAL mode, and a WAL file opened read-only (by checkFile, or by
 * a user inspecting a backup) leaves -wal/-shm files behind that pruning never removes. Switching
 * the copy to rollback mode makes it one self-contained file; openJournal turns WAL back on after a restore.
 */
function standalone(path: string): void {
  const copy = new Database(path, { fileMustExist: true });
  try {
    copy.pragma('journal_mode = DELETE');
  } finally {
    copy.close();
  }
}

export function backupPath(dir: string, file: string): string {
  if (!namePattern.test(file) || basename(file) !== file) throw new AppError('invalid_input', `"${file}" is not a backup file name (journal-YYYYMMDD-HHMMSS.db)`);
  const path = join(dir, file);
  if (!existsSync(path)) throw new AppError('not_found', `no backup ${file} in ${dir}`);
  return path;
}

/**
 * Restores into the live journal with the backup API running from the backup to the journal file:
 * SQLite takes the write lock and replaces every page, so open connections (this app, a CLI) see
 * the restored content on their next read. The backup is verified first; a bad one changes nothing.
 */
export async function restoreLive(journalPath: string, source: string): Promise<void> {
  const check = checkFile(source);
  if (check !== 'ok') throw new AppError('conflict', `${basename(source)} failed its integrity check (${check}); pick another backup`);
  const src = new Database(source, { readonly: true, fileMustExist: true });
  try {
    await src.backup(journalPath);
  } finally {
    src.close();
  }
}

/**
 * For a journal that cannot be opened at all (fails quick_check at start): moves the damaged file
 * and its WAL aside (kept for forensics, never deleted) and puts a verified backup in its place.
 * Only when no process has the journal open.
 */
export function restoreOffline(journalPath: string, source: string, now: number): { movedTo: string } {
  const check = checkFile(source);
  if (check !== 'ok') throw new AppError('conflict', `${basename(source)} failed its integrity check (${check}); pick another backup`);
  const movedTo = `${journalPath}.damaged-${stamp(now)}`;
  for (const suffix of ['', '-wal', '-shm']) {
    if (existsSync(journalPath + suffix)) renameSync(journalPath + suffix, movedTo + suffix);
  }
  copyFileSync(source, `${journalPath}.restoring`);
  renameSync(`${journalPath}.restoring`, journalPath);
  return { movedTo };
}
