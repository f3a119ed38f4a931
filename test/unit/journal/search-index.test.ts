import Database from 'better-sqlite3';
import { createHash } from 'node:crypto';
import { closeSync, openSync, readFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { closeJournal, openJournal, type Migration } from '../../../main/core/journal';
import { migrations } from '../../../main/core/journal/migrations';
import { JournalSearch } from '../../../main/core/journal/search';
import { tempHome } from '../../support/temp-home';

const sha = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex');
const hitWords = (hits: ReturnType<JournalSearch['search']>) => hits.map((h) => h.snippet.filter((s) => s.hit).map((s) => s.text));

/** Rows as the journal before migration 11 wrote them: the entry row, then its own copy in entry_fts. */
function seedOldJournal(file: string): void {
  const db = openJournal(file, { migrations: migrations.filter((m) => m.version !== 11) });
  db.exec(`INSERT INTO incidents (id,title,severity,category,status,started_at,author,created_at,updated_at,last_entry_at,change_seq)
           VALUES ('inc-1','Checkout latency','P1','A','triggered',1,'a',1,1,1,1);
           INSERT INTO title_fts (rowid, title) SELECT n, title FROM incidents;`);
  const entry = db.prepare('INSERT INTO timeline (id,incident_id,seq,at,kind,text,data,author) VALUES (?,?,?,?,?,?,?,?)');
  const fts = db.prepare('INSERT INTO entry_fts (rowid, body) VALUES (?, ?)');
  const add = (seq: number, kind: string, text: string, data: object | null, body: string) =>
    fts.run(entry.run(`e${seq}`, 'inc-1', seq, seq, kind, text, data && JSON.stringify(data), 'a').lastInsertRowid, body);
  add(1, 'note', 'Restarted the payment gateway pods', null, 'Restarted the payment gateway pods');
  add(2, 'runbook_step', 'check connections', { command: 'ss -s', host: 'db-1', output: 'TCP: 40211 (orphaned 12)', exitCode: 0 }, 'check connections\nss -s\ndb-1\nTCP: 40211 (orphaned 12)');
  add(3, 'evidence', 'graph', { url: 'https://grafana.example/d/checkout' }, 'graph\nhttps://grafana.example/d/checkout');
  closeJournal(db);
}

describe('search index (migration 11): external content, filled by the schema, prefix indexes', () => {
  let cleanup = () => undefined as void;
  let db: Database.Database | undefined;
  afterEach(() => {
    if (db) closeJournal(db);
    db = undefined;
    cleanup();
  });
  const dbFile = () => {
    const t = tempHome();
    cleanup = t.cleanup;
    return join(t.home, 'journal.db');
  };

  it('upgrades a journal written before it: every old entry, runbook output and URL stays searchable, once', () => {
    const file = dbFile();
    seedOldJournal(file);
    db = openJournal(file);
    expect(db.prepare('SELECT version FROM schema_migrations ORDER BY version').pluck().all()).toEqual(migrations.map((m) => m.version));
    const search = new JournalSearch(db);
    expect(hitWords(search.search('restart'))).toEqual([['Restarted']]);
    expect(search.search('orph').map((h) => [h.source, h.entryId])).toEqual([['runbook_step', 'e2']]);
    expect(search.search('db-1').map((h) => h.entryId)).toEqual(['e2']);
    expect(search.search('grafana').map((h) => h.entryId)).toEqual(['e3']);
    // 3-letter prefix: the title and the entry, each once (the prefix index answers it).
    expect(search.search('che').map((h) => h.source)).toEqual(['title', 'evidence', 'runbook_step']);
    expect(() => db!.exec("INSERT INTO entry_fts (entry_fts) VALUES ('integrity-check')")).not.toThrow();
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
  });

  it('indexes an entry in the same transaction as its row, whoever inserts it', () => {
    db = openJournal(dbFile());
    db.exec(`INSERT INTO incidents (id,title,severity,category,status,started_at,author,created_at,updated_at,last_entry_at,change_seq)
             VALUES ('i','t','P3','A','triggered',1,'a',1,1,1,1)`);
    const insert = db.prepare("INSERT INTO timeline (id,incident_id,seq,at,kind,text,data,author) VALUES (?, 'i', ?, 1, ?, ?, ?, 'a')");
    insert.run('a', 1, 'runbook_step', 'disk usage', JSON.stringify({ command: 'df -h', output: 'overlay 98% /var/lib/postgresql', exitCode: 1 }));
    // A rolled-back insert leaves nothing in the index either.
    expect(() =>
      db!.transaction(() => {
        insert.run('b', 2, 'note', 'postgresql vacuum started', null);
        throw new Error('abort');
      })(),
    ).toThrow('abort');
    // Non-string data values (a number as output) are not indexed, as for every other kind's data.
    insert.run('c', 2, 'runbook_step', 'exit only', JSON.stringify({ output: 12345 }));
    const search = new JournalSearch(db);
    expect(hitWords(search.search('postgres'))).toEqual([['postgresql']]);
    expect(search.search('12345')).toEqual([]);
    expect(db.prepare("SELECT count(*) FROM entry_fts WHERE entry_fts MATCH 'disk'").pluck().get()).toBe(1);
    expect(() => db!.exec("INSERT INTO entry_fts (entry_fts) VALUES ('integrity-check')")).not.toThrow();
  });
});

describe('quick_check on open, when the damage is in a search index', () => {
  let cleanup = () => undefined as void;
  afterEach(() => cleanup());

  it('reports a check that stops with an error as a failed check, with the clear message, and changes nothing', () => {
    const t = tempHome();
    cleanup = t.cleanup;
    const file = join(t.home, 'journal.db');
    const db = openJournal(file);
    const page = db.prepare("SELECT rootpage FROM sqlite_master WHERE name = 'title_fts_config'").pluck().get() as number;
    const pageSize = db.pragma('page_size', { simple: true }) as number;
    closeJournal(db);
    const fd = openSync(file, 'r+');
    try {
      writeSync(fd, Buffer.alloc(pageSize, 0x5a), 0, pageSize, (page - 1) * pageSize);
    } finally {
      closeSync(fd);
    }
    const before = sha(file);
    expect(() => openJournal(file)).toThrow(/failed its integrity check \(.+\)\. The file was not changed\. Restore it from a backup/);
    expect(sha(file)).toBe(before);
  });
});

describe('migrations numbered inside a range run on journals already past them', () => {
  let cleanup = () => undefined as void;
  afterEach(() => cleanup());
  const dbFile = () => {
    const t = tempHome();
    cleanup = t.cleanup;
    return join(t.home, 'journal.db');
  };
  const table = (version: number, name: string): Migration => ({ version, name, up: (db) => db.exec(`CREATE TABLE ${name} (x INTEGER) STRICT`) });

  it('applies a new migration 11 to a file at user_version 40 once, and refuses a file that has one it does not know', () => {
    const file = dbFile();
    const shipped = [table(1, 'one'), table(10, 'ten'), table(40, 'forty')];
    closeJournal(openJournal(file, { migrations: shipped }));
    // Files from before per-migration tracking had only user_version, as this one after removing the record.
    const raw = new Database(file);
    raw.exec('DROP TABLE schema_migrations');
    expect(raw.pragma('user_version', { simple: true })).toBe(40);
    raw.close();

    let runs = 0;
    const eleven: Migration = { version: 11, name: 'eleven', up: () => void runs++ };
    const upgraded = [shipped[0]!, shipped[1]!, eleven, shipped[2]!];
    closeJournal(openJournal(file, { migrations: upgraded }));
    closeJournal(openJournal(file, { migrations: upgraded }));
    expect(runs).toBe(1);

    // A later version that recorded migration 12 is newer than this list: refused, file untouched.
    const later = openJournal(file, { migrations: [...upgraded.slice(0, 3), { version: 12, name: 'twelve', up: () => undefined }, shipped[2]!] });
    closeJournal(later);
    const before = sha(file);
    expect(() => openJournal(file, { migrations: upgraded })).toThrow(/newer Oncall Console \(schema 12/);
    expect(sha(file)).toBe(before);
  });
});
