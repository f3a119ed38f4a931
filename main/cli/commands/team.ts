import { resolve } from 'node:path';
import { defineCommand, UsageError, writeJson, type CliContext } from '../command';
import type { TeamConfig } from '../../core/team/config';
import type { TeamSync } from '../../core/team/sync';

async function teamConfig(ctx: CliContext): Promise<TeamConfig> {
  const [{ openConfigStore }, { AppError }] = await Promise.all([import('../../core/composed-config'), import('../../core/shared/errors')]);
  const path = resolve(ctx.home, 'config.yml');
  const store = openConfigStore(path);
  store.reload();
  const { issues } = store.state();
  if (issues.length) {
    const { formatConfigIssue } = await import('../../core/alerts/am/source');
    for (const issue of issues) ctx.stderr.write(`${formatConfigIssue(issue)}\n`);
    throw new AppError('invalid_input', `${path}: ${String(issues.length)} problem(s)`);
  }
  const team = store.current().team;
  if (!team) throw new AppError('not_found', `no team: in ${path}: add team.database (postgres://ROLE@host/db) and team.name`);
  return team;
}

async function withSync<T>(ctx: CliContext, fn: (sync: TeamSync) => Promise<T>): Promise<T> {
  const team = await teamConfig(ctx);
  const [{ openStandaloneJournal }, { TeamSync }] = await Promise.all([import('../../core/journal/standalone'), import('../../core/team/sync')]);
  const { journal, close } = openStandaloneJournal(ctx.home);
  try {
    return await fn(new TeamSync({ db: journal.db, team, now: Date.now, password: ctx.env.ONCALL_TEAM_PASSWORD }));
  } finally {
    close();
  }
}

const init = defineCommand({
  summary: 'create or migrate the team schema (as the admin role in team.database) and grant member roles',
  usage: `Usage: oncall team init [--grant ROLE]...

  Runs as the role named in team.database (the admin), with ONCALL_TEAM_PASSWORD; prints every SQL
  statement before running it, all in one transaction. Each --grant ROLE gets read access, INSERT
  of its own events and its presence row: no UPDATE or DELETE on events, so the history is
  append-only by the database's own rules.
`,
  options: { grant: { type: 'string', multiple: true } },
  async run({ values, positionals }, ctx) {
    if (positionals.length) throw new UsageError('oncall team init takes no arguments');
    const team = await teamConfig(ctx);
    const { initTeamDatabase } = await import('../../core/team/init');
    const grants = (Array.isArray(values.grant) ? values.grant : []).map(String);
    const { version } = await initTeamDatabase(team.database, { password: ctx.env.ONCALL_TEAM_PASSWORD }, grants, (sql) => ctx.stdout.write(`${sql}\n`));
    ctx.stdout.write(`-- team schema at version ${String(version)}${grants.length ? `; granted to ${grants.join(', ')}` : ''}\n`);
    return 0;
  },
});

const sync = defineCommand({
  summary: 'push and pull until both sides are caught up (exit 1 with the reason otherwise)',
  usage: 'Usage: oncall team sync [--json]\n',
  options: { json: { type: 'boolean' } },
  async run({ values }, ctx) {
    const result = await withSync(ctx, (s) => s.syncOnce());
    if (values.json === true) writeJson(ctx, result);
    else ctx.stdout.write(`pushed ${String(result.pushed)}, pulled ${String(result.pulled)}, ${String(result.pending)} pending\n`);
    return result.pending === 0 ? 0 : 1;
  },
});

const status = defineCommand({
  summary: 'the team journal: connected or not, pending writes, last sync, teammates seen',
  usage: 'Usage: oncall team status [--json]\n',
  options: { json: { type: 'boolean' } },
  async run({ values }, ctx) {
    const report = await withSync(ctx, async (s) => {
      const base = { member: s.member, host: s.host, pending: s.local.pendingCount(), ...s.local.lastSync() };
      try {
        const remote = await s.connect();
        try {
          return { ...base, connected: true, error: null, presence: await remote.presence((await teamConfig(ctx)).name) };
        } finally {
          await remote.close();
        }
      } catch (err) {
        return { ...base, connected: false, error: (err as Error).message, presence: [] };
      }
    });
    if (values.json === true) writeJson(ctx, report);
    else {
      const when = (ms: number | null) => (ms === null ? 'never' : new Date(ms).toISOString());
      ctx.stdout.write(`${report.connected ? 'connected' : `unreachable: ${report.error ?? ''} (everything still works locally; nothing is lost)`}\n`);
      ctx.stdout.write(`${String(report.pending)} pending, last push ${when(report.pushedAt)}, last pull ${when(report.pulledAt)}\n`);
      for (const p of report.presence) ctx.stdout.write(`  ${p.member} (${p.author}) on ${p.host}, last seen ${when(p.lastSeen)}\n`);
    }
    return report.connected ? 0 : 1;
  },
});

/** `oncall team`: the shared journal on the team's PostgreSQL. */
export const command = defineCommand({
  summary: "share the journal through the team's PostgreSQL (init, status, sync)",
  usage: 'Usage: oncall team init [--grant ROLE]... | status [--json] | sync [--json]\n',
  subcommands: { init, status, sync },
});
