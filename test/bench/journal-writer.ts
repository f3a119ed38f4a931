// Helper process for runbooks.bench.ts: another writer on the same journal.db (as `oncall note` is
// while the app runs). Appends a note every 50 ms until STOP_FILE exists; prints the latencies as JSON.
import { existsSync } from 'node:fs';
import { openStandaloneJournal } from '../../main/core/journal/standalone';

const [home = '', incidentId = '', stopFile = ''] = process.argv.slice(2);
const { journal, close } = openStandaloneJournal(home);
const latencies: number[] = [];
process.stdout.write('ready\n');
while (!existsSync(stopFile)) {
  const start = performance.now();
  journal.append({ kind: 'note', incidentId, text: `concurrent note ${latencies.length}` });
  latencies.push(performance.now() - start);
  await new Promise((r) => setTimeout(r, 50));
}
close();
process.stdout.write(`${JSON.stringify(latencies)}\n`);
