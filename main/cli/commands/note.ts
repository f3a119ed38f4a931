import { defineCommand, UsageError, writeJson } from '../command';

/** Reads at most a little more than the journal's entry limit, so the journal names the limit and a
 * runaway pipe neither hangs the command nor fills memory. */
const pipeCapBytes = 1_048_576 + 1;

async function readPipe(stdin: NodeJS.ReadableStream | undefined): Promise<string> {
  if (!stdin) throw new UsageError('no standard input to read the note from');
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of stdin) {
    const buf = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
    chunks.push(buf);
    size += buf.length;
    if (size >= pipeCapBytes) break;
  }
  return Buffer.concat(chunks).toString('utf8');
}

export const command = defineCommand({
  summary: 'add a note to an incident timeline (default: the most recently updated open incident)',
  usage: `Usage: oncall note [--incident ID] [--json] TEXT...
       COMMAND | oncall note [--incident ID] -      (the note is what the pipe carries)

  --incident ID   the incident (default: the most recently updated open one)
  --json          print the new entry (with its id) as JSON
`,
  options: { incident: { type: 'string' }, json: { type: 'boolean' } },
  async run({ values, positionals }, ctx) {
    const text = (positionals.length === 1 && positionals[0] === '-' ? await readPipe(ctx.stdin) : positionals.join(' ')).trim();
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
