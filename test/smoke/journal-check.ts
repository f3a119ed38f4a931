import Database from 'better-sqlite3';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { SmokeReport } from '../../main/electron/smoke-report';

/**
 * Reads the entry the app wrote through IPC back out of journal.db with a connection of its own,
 * after the app has quit: the note must be on the timeline of the incident it was written to.
 * Opened read-only with plain Node's better-sqlite3 build (the app used the Electron build).
 */
export function journalProblems(home: string, journal: SmokeReport['journal']): string[] {
  if (!journal) return ['the app reported no journal entry'];
  const file = join(home, 'journal.db');
  if (!existsSync(file)) return [`${file} does not exist`];
  let db: Database.Database;
  try {
    db = new Database(file, { readonly: true, fileMustExist: true });
  } catch (err) {
    return [`cannot open ${file} in Node: ${err instanceof Error ? err.message : String(err)} (is node_modules/better-sqlite3 still built for Electron? npm rebuild better-sqlite3)`];
  }
  try {
    const row = db.prepare('SELECT kind, text, incident_id AS incidentId FROM timeline WHERE id = ?').get(journal.entryId) as { kind: string; text: string; incidentId: string } | undefined;
    if (!row) return [`timeline has no entry ${journal.entryId}`];
    const problems: string[] = [];
    if (row.kind !== 'note') problems.push(`entry ${journal.entryId} is a ${row.kind}, not a note`);
    if (row.text !== journal.text) problems.push(`entry ${journal.entryId} reads ${JSON.stringify(row.text)}, expected ${JSON.stringify(journal.text)}`);
    if (row.incidentId !== journal.incidentId) problems.push(`entry ${journal.entryId} is on incident ${row.incidentId}, expected ${journal.incidentId}`);
    return problems;
  } finally {
    db.close();
  }
}
