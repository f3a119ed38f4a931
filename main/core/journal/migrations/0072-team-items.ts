import type Database from 'better-sqlite3';

/** What the team shares of each table besides incidents and entries: its key and the columns every laptop holds. */
export const sharedItemTables = {
  action_items: { key: ['id'], incident: 'incident_id', time: 'updated_at', columns: ['id', 'incident_id', 'title', 'owner', 'due_date', 'done', 'created_at', 'updated_at'] },
  postmortems: { key: ['incident_id'], incident: 'incident_id', time: 'updated_at', columns: ['incident_id', 'summary', 'impact', 'root_cause', 'five_whys', 'went_well', 'went_badly', 'lessons', 'slo_impact', 'cost', 'updated_at'] },
  runbook_runs: {
    key: ['id'],
    incident: 'incident_id',
    time: 'updated_at',
    columns: ['id', 'runbook_id', 'runbook_file', 'title', 'params', 'labels', 'host', 'incident_id', 'status', 'trigger', 'current_step', 'started_at', 'updated_at', 'finished_at'],
  },
  // The local integer id is not shared: a step result is known by its run, step and attempt.
  runbook_step_results: {
    key: ['run_id', 'step_index', 'attempt'],
    incident: `(SELECT incident_id FROM runbook_runs WHERE id = NEW.run_id)`,
    time: 'coalesce(NEW.finished_at, NEW.started_at)',
    columns: ['run_id', 'step_index', 'step_id', 'attempt', 'status', 'host', 'fingerprint', 'command', 'exit_code', 'duration_ms', 'reason', 'confirmation', 'output_tail', 'output_bytes', 'started_at', 'finished_at'],
  },
} as const;

export type SharedItemTable = keyof typeof sharedItemTables;

/**
 * Team domain: action items, postmortem fields, runbook runs and their steps join the outbox as
 * `item.set` events, queued by triggers in the writer's transaction as migration 70 does for
 * incidents. Each event carries the whole row and the columns this write changed, so a teammate
 * can insert a row it has never seen and merge the changed columns by HLC, one column at a time.
 * `ref` is `table:key`, the row's identity on every laptop.
 */
export function up(db: Database.Database): void {
  const active = `EXISTS (SELECT 1 FROM team_state WHERE key = 'enabled') AND NOT EXISTS (SELECT 1 FROM team_state WHERE key = 'applying')`;
  const stamp = `(SELECT printf('%015d-%06d-', wall, counter) FROM team_clock) || (SELECT value FROM team_state WHERE key = 'member')`;
  const sql: string[] = [];
  for (const [table, spec] of Object.entries(sharedItemTables)) {
    const time = spec.time.includes('(') ? spec.time : `NEW.${spec.time}`;
    const incident = spec.incident.startsWith('(') ? spec.incident : `NEW.${spec.incident}`;
    const ref = `'${table}:' || ${spec.key.map((k) => `NEW.${k}`).join(` || '|' || `)}`;
    const fields = `json_object(${spec.columns.map((c) => `'${c}', NEW.${c}`).join(', ')})`;
    const tick = `UPDATE team_clock SET counter = CASE WHEN ${time} > wall THEN 0 ELSE counter + 1 END, wall = max(wall, ${time});`;
    const queue = (changed: string) => `
      INSERT INTO team_outbox (kind, ref, incident_id, hlc, payload, created_at)
      VALUES ('item.set', ${ref}, coalesce(${incident}, ''), ${stamp}, json_object('table', '${table}', 'ref', ${ref}, 'fields', ${fields}, 'changed', ${changed}), ${time});`;
    const allColumns = `json_array(${spec.columns.map((c) => `'${c}'`).join(', ')})`;
    const changedColumns = `json_array(${spec.columns.map((c) => `CASE WHEN NEW.${c} IS NOT OLD.${c} THEN '${c}' END`).join(', ')})`;
    const anyChanged = spec.columns.map((c) => `NEW.${c} IS NOT OLD.${c}`).join(' OR ');
    sql.push(`CREATE TRIGGER team_queue_${table}_insert AFTER INSERT ON ${table} WHEN ${active} BEGIN ${tick} ${queue(allColumns)} END;`);
    sql.push(`CREATE TRIGGER team_queue_${table}_update AFTER UPDATE ON ${table} WHEN (${anyChanged}) AND ${active} BEGIN ${tick} ${queue(changedColumns)} END;`);
  }
  sql.push(`CREATE INDEX team_outbox_ref ON team_outbox (ref) WHERE kind = 'item.set';`);
  sql.push(`CREATE INDEX team_remote_ref ON team_remote (kind, json_extract(payload, '$.ref'));`);
  db.exec(sql.join('\n'));
}
