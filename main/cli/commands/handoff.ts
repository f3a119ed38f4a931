import { defineCommand, UsageError, writeJson, type CliContext, type OptionValues } from '../command';
import type { Handoff, HandoffReport } from '../../../preload/contract/rotation';

const windowOptions = { since: { type: 'string' }, until: { type: 'string' } } as const;
const formatOption = { format: { type: 'string' } } as const;

function time(values: OptionValues, flag: 'since' | 'until'): number | undefined {
  const raw = values[flag];
  if (typeof raw !== 'string') return undefined;
  const ms = Date.parse(raw);
  if (Number.isNaN(ms)) throw new UsageError(`--${flag}: "${raw}" is not a time (use ISO, e.g. 2026-12-03T08:00+01:00)`);
  return ms;
}

function format(values: OptionValues): 'md' | 'json' {
  const f = values.format ?? 'md';
  if (f !== 'md' && f !== 'json') throw new UsageError(`--format: use md or json, not "${String(f)}"`);
  return f;
}

/** Runs one contract method on an engine over the home's journal, as the app would. */
async function invoke<T>(ctx: CliContext, method: string, input: unknown): Promise<T> {
  const [{ openEngine }, { AppError }] = await Promise.all([import('../open-engine'), import('../../core/shared/errors')]);
  const engine = openEngine(ctx.home, 'cli');
  try {
    const result = await engine.invoke(method, input);
    if (!result.ok) throw new AppError(result.error.code, result.error.message);
    return result.value as T;
  } finally {
    await engine.close();
  }
}

async function print(ctx: CliContext, f: 'md' | 'json', report: HandoffReport, handoff?: Handoff): Promise<number> {
  if (f === 'json') writeJson(ctx, handoff ?? report);
  else ctx.stdout.write((await import('../../core/rotation/handoff-format')).handoffMarkdown(report, handoff));
  return 0;
}

const usage = `Usage: oncall handoff [--since TIME] [--until TIME] [--format md|json]
       oncall handoff send [--note TEXT]... [--since TIME] [--until TIME] [--format md|json]
       oncall handoff receive [ID]
       oncall handoff list [--json]

  Drafts the end-of-shift report from the journal and the alert history: open incidents and their
  last decision, alerts that paged and were acknowledged, the noisiest alerts, silences ending
  during the next shift, runbook runs, action items due, and fatigue figures. The shift is yours
  from the rotation (your current shift until now), else the last 24 hours.
  send      journals the handoff with your notes; receive: the incoming engineer acknowledges it.
`;

/** `oncall handoff`: draft, hand over, receive. */
export const command = defineCommand({
  summary: 'the end-of-shift handoff report (draft, send with notes, receive)',
  usage,
  options: { ...windowOptions, ...formatOption },
  async run({ values, positionals }, ctx) {
    if (positionals.length) throw new UsageError(`unknown subcommand "${positionals[0] ?? ''}"`);
    const report = await invoke<HandoffReport>(ctx, 'handoff:draft', { since: time(values, 'since'), until: time(values, 'until') });
    return print(ctx, format(values), report);
  },
  subcommands: {
    send: {
      summary: 'journal the handoff with your notes',
      usage,
      options: { ...windowOptions, ...formatOption, note: { type: 'string', multiple: true } },
      async run({ values }, ctx) {
        const notes = (Array.isArray(values.note) ? values.note : []).map(String).join('\n');
        const handoff = await invoke<Handoff>(ctx, 'handoff:send', { since: time(values, 'since'), until: time(values, 'until'), notes });
        return print(ctx, format(values), handoff.report, handoff);
      },
    },
    receive: {
      summary: 'acknowledge receipt of a handoff (default: the latest not yet received)',
      usage,
      options: { json: { type: 'boolean' } },
      async run({ values, positionals }, ctx) {
        if (positionals.length > 1) throw new UsageError('name at most one handoff');
        const handoff = await invoke<Handoff>(ctx, 'handoff:receive', positionals[0] ? { id: positionals[0] } : {});
        if (values.json === true) writeJson(ctx, handoff);
        else ctx.stdout.write(`Received handoff ${handoff.id} from ${handoff.report.outgoing} (${handoff.receivedBy ?? ''}).\n`);
        return 0;
      },
    },
    list: {
      summary: 'recent handoffs',
      usage,
      options: { json: { type: 'boolean' } },
      async run({ values }, ctx) {
        const list = await invoke<Handoff[]>(ctx, 'handoff:list', {});
        if (values.json === true) writeJson(ctx, list);
        else if (!list.length) ctx.stdout.write('No handoffs yet. Draft one with `oncall handoff`, hand it over with `oncall handoff send --note "…"`.\n');
        else for (const h of list) ctx.stdout.write(`${h.id}  ${new Date(h.createdAt).toISOString()}  ${h.report.outgoing} → ${h.report.incoming ?? '?'}  ${h.receivedAt !== null ? `received by ${h.receivedBy ?? '?'}` : 'not yet received'}\n`);
        return 0;
      },
    },
  },
});
