import { defineCommand, UsageError, writeJson } from '../command';

export const command = defineCommand({
  summary: 'log a decision: [HH:MM] action, expectation, result, next (seed 002 decision log)',
  usage: `Usage: oncall decision [--incident ID] --action A --expect E [--result R] [--next N] [--json]

  --incident ID   the incident (default: the most recently updated open one)
  --action A      what was decided / done
  --expect E      what should happen as a result
  --result R      what did happen (if known yet)
  --next N        the next step
  --json          print the new entry (with its id) as JSON
`,
  options: {
    incident: { type: 'string' },
    action: { type: 'string' },
    expect: { type: 'string' },
    result: { type: 'string' },
    next: { type: 'string' },
    json: { type: 'boolean' },
  },
  async run({ values, positionals }, ctx) {
    if (positionals.length) throw new UsageError(`unexpected argument "${positionals[0]}" (use --action and --expect)`);
    const action = (values.action as string | undefined)?.trim();
    const expectation = (values.expect as string | undefined)?.trim();
    if (!action || !expectation) throw new UsageError('a decision needs --action and --expect');
    const { openStandaloneJournal } = await import('../../core/journal/standalone');
    const { journal, close } = openStandaloneJournal(ctx.home);
    try {
      const { entry, warnings } = journal.append({
        kind: 'decision',
        incidentId: values.incident as string | undefined,
        action,
        expectation,
        result: values.result as string | undefined,
        next: values.next as string | undefined,
      });
      for (const w of warnings) ctx.stderr.write(`warning: ${w.message}\n`);
      if (values.json) writeJson(ctx, entry);
      else ctx.stdout.write(`decision logged on ${entry.incidentId} (#${entry.seq})\n`);
      return 0;
    } finally {
      close();
    }
  },
});
