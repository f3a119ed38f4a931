import { dirname, join, resolve } from 'node:path';
import { defineCommand, UsageError, writeJson, type CliContext } from '../command';
import type { WhoReport } from '../../../preload/contract/rotation';

const usage = `Usage: oncall who [--at TIME] [--json]

  Who is on call now and next, per layer of config.yml's rotation and per iCalendar feed.
  Feeds are fetched when their copy is older than refreshMinutes; offline, the last good copy
  is used and the answer says so.

  --at TIME   ask for another moment (ISO time, e.g. 2026-12-24T20:00+01:00)
  --json      one JSON object
`;

/** `oncall who`: the rotation's answer for now (or --at). */
export const command = defineCommand({
  summary: 'who is on call now and next (rotation layers and iCalendar feeds)',
  usage,
  options: { json: { type: 'boolean' }, at: { type: 'string' } },
  async run({ values, positionals }, ctx) {
    if (positionals.length) throw new UsageError('oncall who takes no arguments');
    const at = typeof values.at === 'string' ? Date.parse(values.at) : Date.now();
    if (Number.isNaN(at)) throw new UsageError(`--at: "${String(values.at)}" is not a time (use ISO, e.g. 2026-12-24T20:00+01:00)`);
    return who(at, values.json === true, ctx);
  },
});

async function who(at: number, json: boolean, ctx: CliContext): Promise<number> {
  const { openConfigStore } = await import('../../core/composed-config');
  const { whoIsOnCall } = await import('../../core/rotation/who');
  const configPath = resolve(ctx.home, 'config.yml');
  const store = openConfigStore(configPath);
  store.reload();
  const { issues } = store.state();
  if (issues.length) {
    // A broken config.yml must not read as "no rotation": say what is wrong, where.
    const { formatConfigIssue } = await import('../../core/alerts/am/source');
    if (json) writeJson(ctx, { error: { code: 'invalid_config', message: `${configPath}: ${String(issues.length)} problem(s)`, issues } });
    else for (const issue of issues) ctx.stderr.write(`oncall who: ${formatConfigIssue(issue)}\n`);
    return 1;
  }
  const rotation = store.current().rotation;
  if (!rotation || (rotation.layers.length === 0 && rotation.feeds.length === 0)) {
    const message = `no rotation in ${configPath}: add rotation.layers or rotation.feeds (see README, "Who is on call")`;
    if (json) writeJson(ctx, { error: { code: 'not_configured', message } });
    else ctx.stderr.write(`oncall who: ${message}\n`);
    return 1;
  }
  const report = await whoIsOnCall(rotation, at, { now: Date.now, cacheDir: join(ctx.home, 'rotation-feeds'), configDir: dirname(configPath) });
  if (json) writeJson(ctx, report);
  else ctx.stdout.write(formatWho(report));
  return 0;
}

function when(ms: number, timeZone: string): string {
  return new Intl.DateTimeFormat('en-GB', { timeZone, weekday: 'short', day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(ms);
}

export function formatWho(r: WhoReport): string {
  const lines = [`On call at ${when(r.at, r.timeZone)} (${r.timeZone})`];
  const width = Math.max(...r.layers.map((l) => l.layer.length), 5);
  for (const l of r.layers) {
    const now = l.now.length ? l.now.map((s) => `${s.member} until ${when(s.end, r.timeZone)}${s.source === 'override' ? ' (override)' : ''}`).join(', ') : 'nobody';
    const next = l.next ? `; next ${l.next.member} from ${when(l.next.start, r.timeZone)}` : '';
    lines.push(`  ${l.layer.padEnd(width)}  ${now}${next}`);
  }
  lines.push(r.meOnCall ? `You (${r.me}) are on call.` : `You (${r.me}) are off call.`);
  for (const p of r.problems) lines.push(`warning: ${p}`);
  return `${lines.join('\n')}\n`;
}
