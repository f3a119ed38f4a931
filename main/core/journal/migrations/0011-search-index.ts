import type Database from 'better-sqlite3';

/**
 * What search indexes for a timeline entry: its text plus, for runbook steps, the command, host and
 * output, and for evidence the URL (string values only, one per line). The one definition: the FTS
 * index reads it through the view below and the trigger fills the index from the same view.
 */
const body = `t.text
  || CASE WHEN t.data IS NULL THEN ''
     WHEN t.kind = 'runbook_step' THEN
          coalesce(char(10) || CASE WHEN json_type(t.data, '$.command') = 'text' THEN json_extract(t.data, '$.command') END, '')
       || coalesce(char(10) || CASE WHEN json_type(t.data, '$.host') = 'text' THEN json_extract(t.data, '$.host') END, '')
       || coalesce(char(10) || CASE WHEN json_type(t.data, '$.output') = 'text' THEN json_extract(t.data, '$.output') END, '')
     WHEN t.kind = 'evidence' THEN
          coalesce(char(10) || CASE WHEN json_type(t.data, '$.url') = 'text' THEN json_extract(t.data, '$.url') END, '')
     ELSE '' END`;

/**
 * Cheaper appends and bounded prefix search (issue 3 performance):
 * - entry_fts becomes an external-content index over a view of the timeline instead of a second
 *   copy of every text, and keeps no per-row sizes (columnsize=0: results are ordered by rowid, bm25
 *   is never used), so an append writes fewer pages;
 * - the schema fills it with an AFTER INSERT trigger, so no writer (app, CLI, import, an old
 *   script) can add an entry without indexing it, inside the same transaction;
 * - prefix indexes for 3 and 4 characters: a short word matches as a prefix, and without them FTS5
 *   merges the doclists of every term with that prefix before returning the first hit (a word in
 *   every one of 2,000,000 entries took ~60 ms); with them it reads one doclist lazily, newest first.
 * The timeline is append-only (schema triggers), so the external content never changes under the index.
 * Rebuilding the index reads every entry once: on a 2,000,000-entry journal this upgrade takes a while, once.
 */
export function up(db: Database.Database): void {
  db.exec(`
    DROP TABLE entry_fts;
    CREATE VIEW entry_search_body AS SELECT t.n AS n, ${body} AS body FROM timeline t;
    CREATE VIRTUAL TABLE entry_fts USING fts5 (body, content = 'entry_search_body', content_rowid = 'n',
      columnsize = 0, prefix = '3 4', tokenize = 'unicode61 remove_diacritics 2');
    INSERT INTO entry_fts (entry_fts) VALUES ('rebuild');
    CREATE TRIGGER timeline_search AFTER INSERT ON timeline BEGIN
      INSERT INTO entry_fts (rowid, body) SELECT n, body FROM entry_search_body WHERE n = new.n;
    END;

    DROP TABLE title_fts;
    CREATE VIRTUAL TABLE title_fts USING fts5 (title, prefix = '3 4', tokenize = 'unicode61 remove_diacritics 2');
    INSERT INTO title_fts (rowid, title) SELECT n, title FROM incidents;
  `);
}
