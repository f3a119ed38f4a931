import pg from 'pg';
import { AppError } from '../shared/errors';
import { clientConfig, type Credentials } from './connect';
import { grantStatements, initStatements, schemaVersion } from './pg-schema';

/**
 * `oncall team init`: creates (or brings up to date) the schema as the admin role of the URL and
 * grants each member role what it needs. Each statement is shown before it runs; all run in one
 * transaction, so a failure leaves the database as it was.
 */
export async function initTeamDatabase(database: string, credentials: Credentials, grants: string[], show: (sql: string) => void): Promise<{ version: number }> {
  const client = new pg.Client(clientConfig(database, credentials));
  client.on('error', () => undefined);
  try {
    await client.connect();
  } catch (err) {
    throw new AppError('unavailable', `team database unreachable: ${(err as Error).message}`);
  }
  try {
    const existing = await client.query<{ version: number }>(`SELECT version FROM oncall.schema_version`).then(
      (r) => r.rows[0]?.version,
      () => undefined,
    );
    if (existing !== undefined && existing > schemaVersion) throw new AppError('conflict', `the team database's schema is version ${String(existing)}, newer than this console (${String(schemaVersion)}): update the console before running init`);
    await client.query('BEGIN');
    for (const sql of [...initStatements(), ...grants.flatMap(grantStatements)]) {
      show(`${sql};`);
      await client.query(sql);
    }
    await client.query('COMMIT');
    return { version: schemaVersion };
  } catch (err) {
    await client.query('ROLLBACK').catch(() => undefined);
    if (err instanceof AppError) throw err;
    throw new AppError('invalid_input', `team init failed: ${(err as Error).message}`);
  } finally {
    await client.end().catch(() => undefined);
  }
}
