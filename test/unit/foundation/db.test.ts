import Database from 'better-sqlite3';
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { closeJournal, openJournal, type Migration } from '../../../main/core/journal';
import { AppError } from '../../../main/core/shared/errors';
import { tempHome } from '../../support/temp-home';

const sha = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex');

describe('journal.db plumbing', () => {
  let cleanup = () => undefined as void;
  afterEach(() => cleanup());
  const dbFile = () => {
    const t = tempHome();
    cleanup = t.cleanup;
    return join(t.home, 'journal.db');
  };

  it('opens in WAL with synchronous=FULL, foreign keys and a busy timeout, migrated', () => {
    const db = openJournal(dbFile());
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('synchronous', { simple: true })).toBe(2); // FULL
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(db.pragma('busy_timeout', { simple: true })).toBe(5000);
    expect(db.pragma('user_version', { simple: true })).toBeGreaterThanOrEqual(1);
    closeJournal(db);
  });

  it('applies migrations in one transaction: a failing one leaves the database as it was', () => {
    const file = dbFile();
    const ok: Migration = { version: 1, name: 'one', up: (db) => db.exec('CREATE TABLE a (x INTEGER) STRICT') };
    const broken: Migration = {
      version: 2,
      name: 'two',
      up: (db) => {
        db.exec('CREATE TABLE b (x INTEGER) STRICT');
        throw new Error('boom');
      },
    };
    expect(() => openJournal(file, { migrations: [ok, broken] })).toThrow('boom');
    const raw = new Database(file);
    expect(raw.pragma('user_version', { simple: true })).toBe(0);
    expect(raw.prepare("SELECT count(*) AS n FROM sqlite_master WHERE name IN ('a','b')").get()).toEqual({ n: 0 });
    raw.close();
  });

  it('refuses a database written by a newer version and leaves the file untouched', () => {
    const file = dbFile();
    const raw = new Database(file);
    raw.pragma('user_version = 999');
    raw.exec('CREATE TABLE future (x)');
    raw.close();
    const before = sha(file);
    let error: unknown;
    try {
      openJournal(file);
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).message).toMatch(/newer Oncall Console \(schema 999/);
    expect(sha(file)).toBe(before);
  });

  it('refuses a corrupted file with a clear message and leaves it untouched', () => {
    const file = dbFile();
    const db = openJournal(file);
    db.exec("CREATE TABLE filler (x TEXT); INSERT INTO filler SELECT hex(randomblob(500)) FROM (WITH RECURSIVE c(i) AS (SELECT 1 UNION ALL SELECT i+1 FROM c WHERE i < 400) SELECT i FROM c);");
    db.pragma('wal_checkpoint(TRUNCATE)');
    closeJournal(db);
    // Scribble over the middle of the file, where table pages live.
    const bytes = readFileSync(file);
    bytes.fill(0x5a, 8192, 8192 + 4096);
    writeFileSync(file, bytes);
    const before = sha(file);
    expect(() => openJournal(file)).toThrow(/integrity check|cannot be opened as a journal/);
    expect(sha(file)).toBe(before);
  });

  it('refuses a file that is not a database at all', () => {
    const file = dbFile();
    writeFileSync(file, 'this is not sqlite, just text that happens to be here\n'.repeat(200));
    const before = sha(file);
    expect(() => openJournal(file)).toThrow(/cannot be opened as a journal/);
    expect(sha(file)).toBe(before);
  });
});
