import type Database from 'better-sqlite3';

/** Key/value facts about this journal (when it was created, by which version). */
export function up(db: Database.Database): void {
  db.exec(`
    CREATE TABLE meta (
      key   TEXT PRIMARY KEY,
      value TEXT NOT NULL
    ) STRICT;
    INSERT INTO meta (key, value) VALUES ('created_at', strftime('%Y-%m-%dT%H:%M:%fZ', 'now'));
  `);
}
