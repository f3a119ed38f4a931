// A child process for the reliability tests: appends notes through the journal layer (the same
// code `oncall note` runs) in a loop and prints each entry id only after append() has returned,
// so the parent knows exactly which writes were acknowledged before it kills this process.
import { writeSync } from 'node:fs';
import { openStandaloneJournal } from '../../../main/core/journal/standalone';

const [home, incidentId, countArg, tag] = process.argv.slice(2);
if (!home || !incidentId || !tag) throw new Error('usage: note-writer HOME INCIDENT_ID COUNT(0 = forever) TAG');
const count = Number(countArg) || Number.POSITIVE_INFINITY;
const { journal, close } = openStandaloneJournal(home);
for (let i = 0; i < count; i++) {
  // Sizes from a few bytes to ~20 KB, so some commits span many pages and a kill can land mid-write.
  const text = `${tag} note ${i} ${'x'.repeat((i * 7919) % 20_000)}`;
  const { entry } = journal.append({ kind: 'note', incidentId, text });
  // writeSync: the id is in the pipe before the next write starts (no buffering to lose on SIGKILL).
  writeSync(1, `${entry.id}\n`);
}
close();
