import { defineCommand, UsageError, writeJson } from '../command';

export const command = defineCommand({
  summary: 'full-text search over incident titles, notes, decisions and runbook output',
  usage: `Usage: oncall search [--limit N] [--json] QUERY...

  Every word must match; words of 3+ letters also match longer words (restart finds restarted).
  --limit N   at most N hits (default 20)
  --json      print the hits as JSON
`,
  options: { limit: { type: 'string' }, json: { type: 'boolean' } },
  async run({ values, positionals }, ctx) {
    const query = positionals.join(' ').trim();
    if (!query) throw new UsageError('what should I search for?');
    const limit = values.limit === undefined ? 20 : Number(values.limit);
    if (!Number.isInteger(limit) || limit < 1 || limit > 500) throw new UsageError('--limit must be a number from 1 to 500');
    const [{ openStandaloneJournal }, { JournalSearch }, { isoMinute }] = await Promise.all([
      import('../../core/journal/standalone'),
      import('../../core/journal/search'),
      import('../../core/journal/format'),
    ]);
    const { journal, close } = openStandaloneJournal(ctx.home);
    try {
      const hits = new JournalSearch(journal.db).search(query, { limit });
      if (values.json) {
        writeJson(ctx, hits);
        return 0;
      }
      if (hits.length === 0) ctx.stdout.write(`no matches for "${query}"\n`);
      // Terminals get the matched words in bold (only when stdout is a TTY).
      const tty = (ctx.stdout as NodeJS.WriteStream).isTTY === true;
      for (const h of hits) {
        const snippet = h.snippet.map((s) => (s.hit ? (tty ? `\x1b[1m${s.text}\x1b[22m` : `[${s.text}]`) : s.text)).join('').replace(/\s+/g, ' ');
        ctx.stdout.write(`${h.incidentId}  ${isoMinute(h.at)}  ${h.source}\n    ${h.incidentTitle}: ${snippet}\n`);
      }
      return 0;
    } finally {
      close();
    }
  },
});
