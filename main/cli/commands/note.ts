import { defineCommand, UsageError, writeJson } from '../command';

export const command = defineCommand({
  summary: 'add a note to an incident timeline (default: the most recently updated open incident)',
  usage: `Usage: oncall note [--incident ID] [--json] TEXT...

  --incident ID   the incident (default: the most recently updated open one)
  --json          print the new entry (with its id) as JSON
`,
  options: { incident: { type: 'string' }, json: { type: 'boolean' } },
  async run({ values, positionals }, ctx) {
    const text = positionals.join(' ').trim();
    if (!text) throw new UsageError('what should the note say?');
    const { openStandaloneJournal } = await import('../../core/journal/standalone');
    const { journal, close } = openStandaloneJournal(ctx.home);
    try {
      const { entry, warnings } = journal.append({ kind: 'note', incidentId: values.incident as string | undefined, text });
      for (const w of warnings) ctx.stderr.write(`warning: ${w.message}\n`);
      if (values.json) writeJson(ctx, entry);
      else ctx.stdout.write(`noted on ${entry.incidentId} (#${entry.seq})\n`);
      return 0;
    } finally {
      close();
    }
  },
});
