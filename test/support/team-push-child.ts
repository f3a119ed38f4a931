// Run as `node --import tsx team-push-child.ts JOURNAL URL MEMBER PASSWORD`: one `team sync` in a
// process of its own, so a test can kill -9 it in the middle of a push.
import { openJournal } from '../../main/core/journal';
import { TeamSync } from '../../main/core/team/sync';

const [journalPath, database, member, password] = process.argv.slice(2) as [string, string, string, string];
const db = openJournal(journalPath);
const sync = new TeamSync({ db, team: { database, name: 'ops', member, pollSeconds: 10 }, now: () => Date.now(), password, host: `${member}-laptop` });
process.stdout.write('syncing\n');
sync.syncOnce().then(
  (r) => {
    process.stdout.write(`${JSON.stringify(r)}\n`);
    db.close();
  },
  (err: unknown) => {
    process.stderr.write(`${(err as Error).message}\n`);
    process.exitCode = 1;
  },
);
