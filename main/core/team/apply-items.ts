import type { Db } from '../journal';
import { sharedItemTables, type SharedItemTable } from '../journal/migrations/0072-team-items';

/** What this module needs of a pulled event (declared here so local.ts and this file do not import each other). */
interface ItemEvent {
  hlc: string;
  payload: Record<string, unknown>;
}

interface ItemPayload {
  table: SharedItemTable;
  ref: string;
  fields: Record<string, unknown>;
  changed: (string | null)[];
}

/** The newest stamp of any write, ours or a teammate's, that set this column of this row. */
function columnClock(db: Db, ref: string, column: string): string {
  const row = db
    .prepare(
      `SELECT max(hlc) AS hlc FROM (
         SELECT hlc, payload FROM team_outbox WHERE kind = 'item.set' AND ref = ?
         UNION ALL SELECT hlc, payload FROM team_remote WHERE kind = 'item.set' AND json_extract(payload, '$.ref') = ?)
       WHERE EXISTS (SELECT 1 FROM json_each(payload, '$.changed') WHERE value = ?)`,
    )
    .get(ref, ref, column) as { hlc: string | null };
  return row.hlc ?? '';
}

/**
 * A teammate's write of an action item, postmortem, runbook run or step result: a row never seen
 * here is inserted whole; otherwise each column it changed is taken if its HLC is the newest write
 * of that column (the same rule as incidents' fields, so every laptop ends the same).
 */
export function applyItem(db: Db, e: ItemEvent): void {
  const p = e.payload as unknown as ItemPayload;
  const spec = sharedItemTables[p.table] as (typeof sharedItemTables)[SharedItemTable] | undefined;
  if (!spec) return; // a table from a newer console: ignored here, kept in team_remote
  const where = spec.key.map((k) => `${k} = @${k}`).join(' AND ');
  const keyValues = Object.fromEntries(spec.key.map((k) => [k, p.fields[k]]));
  const exists = db.prepare(`SELECT 1 FROM ${p.table} WHERE ${where}`).get(keyValues);
  const columns = spec.columns as readonly string[];
  if (!exists) {
    // A row whose parent (incident or run) is not here cannot be inserted; its parent's event comes first in the server's order.
    const values = Object.fromEntries(columns.map((c) => [c, p.fields[c] ?? null]));
    db.prepare(`INSERT OR IGNORE INTO ${p.table} (${columns.join(', ')}) VALUES (${columns.map((c) => `@${c}`).join(', ')})`).run(values);
    return;
  }
  const take = p.changed.filter((c): c is string => c !== null && columns.includes(c) && !spec.key.includes(c as never) && e.hlc > columnClock(db, p.ref, c));
  if (!take.length) return;
  const values = Object.fromEntries(take.map((c) => [`v_${c}`, p.fields[c] ?? null]));
  db.prepare(`UPDATE ${p.table} SET ${take.map((c) => `${c} = @v_${c}`).join(', ')} WHERE ${where}`).run({ ...values, ...keyValues });
}
