import { readFileSync, writeFileSync } from 'node:fs';
import type { Incident, IncidentDetail, IncidentSummary, TimelineEntry } from '../../../preload/contract/incidents';
import type { Journal } from '../../core/journal/journal';
import { defineCommand, UsageError, writeJson, type CliContext } from '../command';

const usage = `Usage: oncall incident open --title T --severity P1..P4 [--category C] [--json]
       oncall incident list [--status S[,S...]] [--limit N] [--json]
       oncall incident show ID [--json]
       oncall incident status ID STATUS [--note TEXT]
       oncall incident export ID [--format md|json|status-page|customer-faq|management-briefing] [--out FILE]
       oncall incident import FILE

Severity: P1 critical, P2 high, P3 medium, P4 low.
Categories: A (API down/5xx), B (database performance), C (frontend), D (security),
            backup, monitoring, storage, database, automation, email, general.
Status: triggered, acknowledged, investigating, mitigated, resolved, closed.
`;

async function withJournal<T>(ctx: CliContext, fn: (journal: Journal) => T): Promise<T> {
  const { openStandaloneJournal } = await import('../../core/journal/standalone');
  const { journal, close } = openStandaloneJournal(ctx.home);
  try {
    return fn(journal);
  } finally {
    close();
  }
}

const str = (v: unknown) => (typeof v === 'string' ? v : undefined);

function oneId(positionals: string[], what = 'ID'): string {
  const [id, ...rest] = positionals;
  if (!id) throw new UsageError(`which incident? (${what})`);
  if (rest.length) throw new UsageError(`unexpected argument "${rest[0]}"`);
  return id;
}

async function time(at: number | null): Promise<string> {
  const { isoMinute } = await import('../../core/journal/format');
  return at === null ? '-' : isoMinute(at);
}

async function printSummary(ctx: CliContext, items: IncidentSummary[]): Promise<void> {
  if (items.length === 0) {
    ctx.stdout.write('no incidents (open one with: oncall incident open --title T --severity P2)\n');
    return;
  }
  for (const i of items) ctx.stdout.write(`${i.id}  ${i.severity}  ${i.status.padEnd(13)} ${await time(i.startedAt)}  ${i.title}\n`);
}

async function printDetail(ctx: CliContext, d: IncidentDetail): Promise<void> {
  const i: Incident = d.incident;
  const lines = [
    `${i.id}  ${i.severity}  ${i.status}  category ${i.category}`,
    i.title,
    `started ${await time(i.startedAt)}; acknowledged ${await time(i.acknowledgedAt)}; mitigated ${await time(i.mitigatedAt)}; resolved ${await time(i.resolvedAt)}`,
    `IC ${i.roles.commander ?? '-'}; scribe ${i.roles.scribe ?? '-'}; comms ${i.roles.comms ?? '-'}; opened by ${i.author}`,
  ];
  if (d.checklist.length) lines.push(`checklist: ${d.checklist.map((c) => `${c.done ? '[x]' : '[ ]'} ${c.label}`).join('  ')}`);
  lines.push('', 'timeline:');
  const entry = async (e: TimelineEntry) => `  #${e.seq} ${await time(e.at)} ${e.kind}${e.supersededBy ? ' (corrected)' : ''}${e.supersedes ? ' (correction)' : ''}: ${e.text.replace(/\n/g, '\n      ')}`;
  for (const e of d.timeline) lines.push(await entry(e));
  for (const a of d.actions) lines.push(`action ${a.done ? '[x]' : '[ ]'} ${a.title} (${a.owner ?? '-'}, due ${a.dueDate ?? '-'})`);
  ctx.stdout.write(`${lines.join('\n')}\n`);
}

export const command = defineCommand({
  summary: 'open, list, show, change, export and import incidents',
  usage,
  subcommands: {
    open: {
      summary: 'open an incident',
      usage,
      options: { title: { type: 'string' }, severity: { type: 'string' }, category: { type: 'string' }, json: { type: 'boolean' } },
      async run({ values, positionals }, ctx) {
        if (positionals.length) throw new UsageError(`unexpected argument "${positionals[0]}" (use --title "...")`);
        const title = str(values.title);
        const severity = str(values.severity);
        if (!title || !severity) throw new UsageError('an incident needs --title and --severity (P1..P4)');
        const { incident, warnings } = await withJournal(ctx, (j) => j.open({ title, severity: severity.toUpperCase(), category: str(values.category) }));
        for (const w of warnings) ctx.stderr.write(`warning: ${w.message}\n`);
        if (values.json) writeJson(ctx, incident);
        else ctx.stdout.write(`opened ${incident.id} (${incident.severity}, ${incident.status}): ${incident.title}\n`);
        return 0;
      },
    },
    list: {
      summary: 'list incidents, newest first',
      usage,
      options: { status: { type: 'string' }, limit: { type: 'string' }, json: { type: 'boolean' } },
      async run({ values, positionals }, ctx) {
        if (positionals.length) throw new UsageError(`unexpected argument "${positionals[0]}"`);
        const limit = values.limit === undefined ? 100 : Number(values.limit);
        if (!Number.isInteger(limit) || limit < 1 || limit > 1000) throw new UsageError('--limit must be a number from 1 to 1000');
        const { assertStatus } = await import('../../core/journal/model');
        const status = str(values.status)?.split(',').map((s) => assertStatus(s.trim()));
        const { items } = await withJournal(ctx, (j) => j.incidents.list({ status, sort: 'startedAt', order: 'desc', offset: 0, limit }));
        if (values.json) writeJson(ctx, items);
        else await printSummary(ctx, items);
        return 0;
      },
    },
    show: {
      summary: 'show an incident with its timeline',
      usage,
      options: { json: { type: 'boolean' } },
      async run({ values, positionals }, ctx) {
        const id = oneId(positionals);
        const detail = await withJournal(ctx, (j) => j.detail(id, 20_000));
        if (values.json) writeJson(ctx, detail);
        else await printDetail(ctx, detail);
        return 0;
      },
    },
    status: {
      summary: 'change the status (journaled)',
      usage,
      options: { note: { type: 'string' }, json: { type: 'boolean' } },
      async run({ values, positionals }, ctx) {
        const [id, status, ...rest] = positionals;
        if (!id || !status) throw new UsageError('usage: oncall incident status ID STATUS [--note TEXT]');
        if (rest.length) throw new UsageError(`unexpected argument "${rest[0]}" (quote the note: --note "...")`);
        const result = await withJournal(ctx, (j) => j.setStatus(id, status.toLowerCase(), str(values.note)));
        if (values.json) writeJson(ctx, result);
        else ctx.stdout.write(`${id}: ${result.entry.text}\n`);
        return 0;
      },
    },
    export: {
      summary: 'export the postmortem (md), the full incident (json) or a comms draft',
      usage,
      options: { format: { type: 'string' }, out: { type: 'string' } },
      async run({ values, positionals }, ctx) {
        const id = oneId(positionals);
        const format = str(values.format) ?? 'md';
        const formats = ['md', 'json', 'status-page', 'customer-faq', 'management-briefing'] as const;
        const chosen = formats.find((f) => f === format);
        if (!chosen) throw new UsageError(`--format must be one of ${formats.join(', ')}`);
        const { renderExport } = await import('../../core/journal/export');
        const result = await withJournal(ctx, (j) => renderExport(chosen, j.detail(id, 0), j.timeline.all(id), { now: j.now(), author: j.author }));
        const out = str(values.out);
        if (out) {
          writeFileSync(out, result.content);
          ctx.stderr.write(`wrote ${out}\n`);
        } else ctx.stdout.write(result.content);
        return 0;
      },
    },
    import: {
      summary: "import a colleague's JSON export (merges, never duplicates)",
      usage,
      options: { json: { type: 'boolean' } },
      async run({ values, positionals }, ctx) {
        const file = oneId(positionals, 'FILE');
        let content: string;
        try {
          content = readFileSync(file, 'utf8');
        } catch (err) {
          const { AppError } = await import('../../core/shared/errors');
          throw new AppError('not_found', `cannot read ${file}: ${(err as Error).message}`);
        }
        const { importExports } = await import('../../core/journal/import');
        const result = await withJournal(ctx, (j) => importExports(j, content));
        if (values.json) writeJson(ctx, result);
        else {
          const ids = [...result.created.map((id) => `${id} (new)`), ...result.merged.map((id) => `${id} (merged)`)];
          ctx.stdout.write(`imported ${ids.join(', ')}: ${result.entriesAdded} entries added, ${result.entriesSkipped} already present\n`);
        }
        return 0;
      },
    },
  },
});
