import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { chmodSync, chownSync, existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const bin = process.env.PG_BIN ?? '/usr/lib/postgresql/15/bin';
const superPassword = 'test-superuser-password';

/** PostgreSQL refuses to run as root: as root, run its programs as the `postgres` user the Debian package creates. */
function asPostgres(cmd: string, args: string[]): [string, string[]] {
  return process.getuid?.() === 0 ? ['runuser', ['-u', 'postgres', '--', cmd, ...args]] : [cmd, args];
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
    s.on('error', reject);
  });
}

export interface TestPostgres {
  port: number;
  /** postgres://postgres@127.0.0.1:PORT/oncall: the admin (superuser) for `team init`. */
  adminUrl: string;
  superPassword: string;
  stop(): Promise<void>;
  /** Stops (fast shutdown, dropping connections) and starts again on the same port and data. */
  restart(): Promise<void>;
  /** Runs SQL as the superuser through psql (in the oncall database unless told); returns stdout. */
  psql(sql: string, database?: string): string;
  cleanup(): Promise<void>;
}

/**
 * A throw-away PostgreSQL: initdb into a temp dir and `postgres` on 127.0.0.1 with a random port,
 * never the system service. Password (SCRAM) authentication over TCP, as a team's server would have.
 */
export async function startPostgres(): Promise<TestPostgres> {
  if (!existsSync(join(bin, 'initdb'))) throw new Error(`PostgreSQL is not installed (no ${bin}/initdb): apt-get install postgresql`);
  const root = mkdtempSync(join(tmpdir(), 'oncall-pg-'));
  const data = join(root, 'data');
  const pwfile = join(root, 'pw');
  writeFileSync(pwfile, superPassword);
  chmodSync(root, 0o755);
  if (process.getuid?.() === 0) {
    const pg = spawnSync('id', ['-u', 'postgres'], { encoding: 'utf8' });
    const uid = Number(pg.stdout.trim());
    const gid = Number(spawnSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).stdout.trim());
    chownSync(root, uid, gid);
    chownSync(pwfile, uid, gid);
  }
  const [initCmd, initArgs] = asPostgres(join(bin, 'initdb'), ['-D', data, '-U', 'postgres', `--pwfile=${pwfile}`, '--auth-host=scram-sha-256', '--auth-local=trust', '-E', 'UTF8', '--no-sync']);
  const init = spawnSync(initCmd, initArgs, { encoding: 'utf8' });
  if (init.status !== 0) throw new Error(`initdb failed: ${init.stderr}`);
  const port = await freePort();
  let child: ChildProcess | null = null;

  async function start(): Promise<void> {
    const [cmd, args] = asPostgres(join(bin, 'postgres'), ['-D', data, '-p', String(port), '-k', root, '-c', 'listen_addresses=127.0.0.1', '-c', 'fsync=off', '-c', 'max_connections=200']);
    child = spawn(cmd, args, { stdio: ['ignore', 'ignore', 'pipe'] });
    let log = '';
    child.stderr?.on('data', (d: Buffer) => (log += d.toString()));
    const deadline = Date.now() + 20_000;
    for (;;) {
      const ready = spawnSync(join(bin, 'pg_isready'), ['-h', '127.0.0.1', '-p', String(port)], { encoding: 'utf8' });
      if (ready.status === 0) break;
      if (Date.now() > deadline || child.exitCode !== null) throw new Error(`postgres did not start: ${log}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }

  async function stop(): Promise<void> {
    const c = child;
    if (!c || c.exitCode !== null) return;
    // Fast shutdown, as a restart of the team's server would cut its clients off. Through pg_ctl:
    // runuser does not pass a signal on to postgres.
    const exited = new Promise((r) => c.once('exit', r));
    const [cmd, args] = asPostgres(join(bin, 'pg_ctl'), ['-D', data, 'stop', '-m', 'fast', '-w']);
    spawnSync(cmd, args, { encoding: 'utf8' });
    await exited;
    child = null;
  }

  await start();
  const psql = (sql: string, database = 'oncall'): string => {
    const [cmd, args] = asPostgres(join(bin, 'psql'), ['-h', root, '-p', String(port), '-U', 'postgres', '-d', database, '-v', 'ON_ERROR_STOP=1', '-Atc', sql]);
    const r = spawnSync(cmd, args, { encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`psql: ${r.stderr}`);
    return r.stdout;
  };
  psql('CREATE DATABASE oncall', 'postgres');
  return {
    port,
    adminUrl: `postgres://postgres@127.0.0.1:${String(port)}/oncall`,
    superPassword,
    stop,
    restart: async () => {
      await stop();
      await start();
    },
    psql,
    cleanup: async () => {
      await stop();
      rmSync(root, { recursive: true, force: true });
    },
  };
}
